// `gitopsgen completion zsh`: tables of the commands (with descriptions), options and values, and
// a completion function that walks the words typed so far through them.
#include <map>

#include "cli/completion_script.hpp"

namespace gitopsgen::cli {
namespace {

using Table = std::map<std::string, std::string>;

std::string table(const char* name, const Table& rows) {
  std::string text = "typeset -gA " + std::string(name) + "\n" + name + "=(\n";
  for (const auto& [key, value] : rows)
    text += "  " + shell_word(key) + " " + shell_word(value) + "\n";
  return text + ")\n";
}

// "name:description" as _describe reads it: colons in the name escaped, one line.
std::string described(const std::string& name, const std::string& description) {
  std::string out;
  for (const char c : name) out += c == ':' ? std::string("\\:") : std::string(1, c);
  return out + ":" + description.substr(0, description.find('\n'));
}

constexpr const char* kFunction = R"ZSH(
# gitopsgen's names of KIND (services, environments) in the platform at DIR; nothing on error.
_gitopsgen_names() {
  local bin=$1 dir=$2 kind=$3
  if [[ -n $dir ]]; then
    "$bin" -C "$dir" __complete "$kind" 2>/dev/null
  else
    "$bin" __complete "$kind" 2>/dev/null
  fi
}

_gitopsgen() {
  local key=gitopsgen dir= value_of= w kind bin
  local -i i=2
  local -a pos names
  while (( i < CURRENT )); do
    w=${(Q)words[i]}
    case $w in
      (--*=*) ;;
      (-C)
        if (( i + 1 == CURRENT )); then value_of=-C; break; fi
        dir=${(Q)words[i+1]}
        (( i++ ))
        ;;
      (-C?*) dir=${w#-C} ;;
      (-*)
        if [[ " ${_gitopsgen_valued[$key]} " == *" $w "* ]]; then
          if (( i + 1 == CURRENT )); then value_of=$w; break; fi
          (( i++ ))
        fi
        ;;
      (*)
        if (( ${#pos} == 0 )) && [[ " ${_gitopsgen_children[$key]} " == *" $w "* ]]; then
          key+=" $w"
        else
          pos+=("$w")
        fi
        ;;
    esac
    (( i++ ))
  done
  [[ $dir == "~"* ]] && dir=$HOME${dir:1}
  if [[ -z $value_of && $PREFIX == --*=* ]]; then
    value_of=${PREFIX%%=*}
    compset -P '*='
  fi
  if [[ -n $value_of ]]; then
    kind=${_gitopsgen_kind[$key|$value_of]-${_gitopsgen_kind[shared|$value_of]-file}}
  elif [[ $PREFIX == -* ]]; then
    names=("${(@f)_gitopsgen_opts[$key]}")
    _describe -t options 'option' names
    return
  elif (( ${#pos} == 0 )) && [[ -n ${_gitopsgen_children[$key]} ]]; then
    names=("${(@f)_gitopsgen_subs[$key]}")
    _describe -t commands 'command' names
    return
  else
    kind=${_gitopsgen_kind[$key|@${#pos}]-${_gitopsgen_kind[$key|@+]-}}
  fi
  bin=${(Q)words[1]}
  [[ $bin == "~"* ]] && bin=$HOME${bin:1}
  case $kind in
    (\=*)
      names=(${=kind#=})
      compadd -a names
      ;;
    (services|environments)
      names=(${(f)"$(_gitopsgen_names "$bin" "$dir" $kind)"})
      compadd -a names
      ;;
    (envlist)
      names=(${(f)"$(_gitopsgen_names "$bin" "$dir" environments)"})
      compset -P '*,'
      compadd -S ',' -q -a names
      ;;
    (commands)
      names=("${(@f)_gitopsgen_subs[gitopsgen${pos:+ }${pos[*]}]}")
      (( ${#names} )) && [[ -n $names[1] ]] && _describe -t commands 'command' names
      ;;
    (dir) _directories ;;
    (file) _files ;;
  esac
}

if [[ ${zsh_eval_context[-1]-} == loadautofunc ]]; then
  _gitopsgen "$@"
else
  compdef _gitopsgen gitopsgen
fi
)ZSH";

}  // namespace

std::string zsh_completion(const CliModel& model) {
  // Option values are files unless a row says otherwise; "shared" rows hold the shared options'.
  Table children, subs, opts, valued, kinds, shared;
  std::string shared_valued;
  for (const auto& a : model.shared) {
    const auto kind = completion_kind(a);
    if (kind.empty()) continue;
    for (const auto& name : a.names) {
      shared_valued += (shared_valued.empty() ? "" : " ") + name;
      shared[name] = kind;
      if (kind != "file") kinds["shared|" + name] = kind;
    }
  }
  for (const auto* c : completion_paths(model)) {
    const auto key = command_key(model, c);
    std::string names, described_subs;
    for (const auto& child : children_of(model, c)) {
      names += (names.empty() ? "" : " ") + child.name;
      described_subs +=
          (described_subs.empty() ? "" : "\n") + described(child.name, child.description);
    }
    if (!names.empty()) {
      children[key] = names;
      subs[key] = described_subs;
    }
    std::string offered, takes_value = shared_valued;
    for (const auto& a : offered_options(model, c)) {
      const auto kind = completion_kind(a);
      for (const auto& name : a.names) {
        offered += (offered.empty() ? "" : "\n") + described(name, a.description);
        if (kind.empty()) continue;
        const auto it = shared.find(name);
        if (it == shared.end()) takes_value += " " + name;
        // -o's formats differ from command to command.
        const auto fallback = it == shared.end() ? std::string("file") : it->second;
        if (kind != fallback) kinds[key + "|" + name] = kind;
      }
    }
    opts[key] = offered;
    valued[key] = takes_value;
    if (!c) continue;
    add_positional_kinds(kinds, key, *c);
  }
  return "#compdef gitopsgen\n"
         "# zsh completion for gitopsgen; written by `gitopsgen completion zsh` from the\n"
         "# definitions that parse its command line. Install it as _gitopsgen in $fpath, or load\n"
         "# it after compinit with:  source <(gitopsgen completion zsh)\n" +
         table("_gitopsgen_children", children) + table("_gitopsgen_subs", subs) +
         table("_gitopsgen_opts", opts) + table("_gitopsgen_valued", valued) +
         table("_gitopsgen_kind", kinds) + kFunction;
}

}  // namespace gitopsgen::cli
