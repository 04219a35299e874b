// `gitopsgen completion bash`: tables of the commands, options and values, and a function that
// walks the words typed so far through them.
#include <map>

#include "cli/completion_script.hpp"

namespace gitopsgen::cli {
namespace {

using Table = std::map<std::string, std::string>;

std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : " ") + name;
  return text;
}

std::string table(const char* name, const Table& rows) {
  std::string text = "declare -gA " + std::string(name) + "=(\n";
  for (const auto& [key, value] : rows)
    text += "  [" + shell_word(key) + "]=" + shell_word(value) + "\n";
  return text + ")\n";
}

// The walker: finds the command being completed, the -C directory and what the word is.
constexpr const char* kFunction = R"BASH(
# gitopsgen's names of KIND (services, environments) in the platform at DIR; nothing on error.
_gitopsgen_names() {
  local bin=$1 dir=$2 kind=$3
  if [[ -n $dir ]]; then
    "$bin" -C "$dir" __complete "$kind" 2>/dev/null
  else
    "$bin" __complete "$kind" 2>/dev/null
  fi
}

# A word as the shell would read it: quotes and backslashes removed, a leading ~ expanded;
# nothing is evaluated.
_gitopsgen_unquote() {
  local word=$1 out="" quote="" c i
  for ((i = 0; i < ${#word}; i++)); do
    c=${word:i:1}
    if [[ -n $quote ]]; then
      if [[ $c == "$quote" ]]; then
        quote=""
      elif [[ $quote == '"' && $c == '\' ]]; then
        ((i++))
        out+=${word:i:1}
      else
        out+=$c
      fi
    elif [[ $c == "'" || $c == '"' ]]; then
      quote=$c
    elif [[ $c == '\' ]]; then
      ((i++))
      out+=${word:i:1}
    else
      out+=$c
    fi
  done
  [[ $out == "~"* ]] && out=$HOME${out:1}
  printf '%s' "$out"
}

_gitopsgen() {
  local cur prev words cword split=false
  if declare -F _init_completion >/dev/null; then
    _init_completion -s || return
  else
    words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    cur=${words[cword]} prev=${words[cword - 1]}
  fi
  local key=gitopsgen dir="" value_of="" i=1 w
  local -a pos=()
  while ((i < cword)); do
    w=${words[i]}
    case $w in
      --*=*) ;;
      -C)
        if ((i + 1 == cword)); then value_of=-C; break; fi
        dir=$(_gitopsgen_unquote "${words[i + 1]}")
        ((i++))
        ;;
      -C?*) dir=$(_gitopsgen_unquote "${w#-C}") ;;
      -*)
        if [[ " ${_gitopsgen_valued[$key]-} " == *" $w "* ]]; then
          if ((i + 1 == cword)); then value_of=$w; break; fi
          ((i++))
        fi
        ;;
      *)
        if ((${#pos[@]} == 0)) && [[ " ${_gitopsgen_subs[$key]-} " == *" $w "* ]]; then
          key+=" $w"
        else
          pos+=("$w")
        fi
        ;;
    esac
    ((i++))
  done
  [[ $split == true ]] && value_of=$prev
  local kind
  if [[ -n $value_of ]]; then
    kind=${_gitopsgen_kind["$key|$value_of"]-${_gitopsgen_kind["*|$value_of"]-file}}
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${_gitopsgen_opts[$key]-}" -- "$cur"))
    return
  elif ((${#pos[@]} == 0)) && [[ -n ${_gitopsgen_subs[$key]-} ]]; then
    COMPREPLY=($(compgen -W "${_gitopsgen_subs[$key]}" -- "$cur"))
    return
  else
    kind=${_gitopsgen_kind["$key|@${#pos[@]}"]-${_gitopsgen_kind["$key|@+"]-}}
  fi
  local bin
  bin=$(_gitopsgen_unquote "${words[0]}")
  case $kind in
    =*) COMPREPLY=($(compgen -W "${kind#=}" -- "$cur")) ;;
    services | environments)
      COMPREPLY=($(compgen -W "$(_gitopsgen_names "$bin" "$dir" "$kind")" -- "$cur"))
      ;;
    envlist)
      local head=""
      [[ $cur == *,* ]] && head=${cur%,*},
      COMPREPLY=($(compgen -P "$head" -W "$(_gitopsgen_names "$bin" "$dir" environments)" \
        -- "${cur##*,}"))
      compopt -o nospace 2>/dev/null
      ;;
    commands)
      COMPREPLY=($(compgen -W "${_gitopsgen_subs["gitopsgen${pos[*]:+ }${pos[*]}"]-}" -- "$cur"))
      ;;
    dir)
      if declare -F _filedir >/dev/null; then _filedir -d; else
        COMPREPLY=($(compgen -d -- "$cur"))
      fi
      ;;
    file)
      if declare -F _filedir >/dev/null; then _filedir; else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
  esac
}
complete -F _gitopsgen gitopsgen
)BASH";

}  // namespace

std::string bash_completion(const CliModel& model) {
  // Option values are files unless a row says otherwise; the "*" rows hold the shared options'.
  Table subs, opts, valued, kinds, shared;
  std::vector<std::string> shared_valued;
  for (const auto& a : model.shared) {
    const auto kind = completion_kind(a);
    if (kind.empty()) continue;
    for (const auto& name : a.names) {
      shared_valued.push_back(name);
      shared[name] = kind;
      if (kind != "file") kinds["*|" + name] = kind;
    }
  }
  for (const auto* c : completion_paths(model)) {
    const auto key = command_key(model, c);
    std::vector<std::string> names;
    for (const auto& child : children_of(model, c)) names.push_back(child.name);
    if (!names.empty()) subs[key] = join_names(names);
    std::vector<std::string> offered, takes_value = shared_valued;
    for (const auto& a : offered_options(model, c)) {
      const auto kind = completion_kind(a);
      for (const auto& name : a.names) {
        offered.push_back(name);
        if (kind.empty()) continue;
        const auto it = shared.find(name);
        if (it == shared.end()) takes_value.push_back(name);
        // -o's formats differ from command to command.
        const auto fallback = it == shared.end() ? std::string("file") : it->second;
        if (kind != fallback) kinds[key + "|" + name] = kind;
      }
    }
    opts[key] = join_names(offered);
    valued[key] = join_names(takes_value);
    if (!c) continue;
    add_positional_kinds(kinds, key, *c);
  }
  return "# bash completion for gitopsgen; written by `gitopsgen completion bash` from the\n"
         "# definitions that parse its command line. Load it with:\n"
         "#   source <(gitopsgen completion bash)\n" +
         table("_gitopsgen_subs", subs) + table("_gitopsgen_opts", opts) +
         table("_gitopsgen_valued", valued) + table("_gitopsgen_kind", kinds) + kFunction;
}

}  // namespace gitopsgen::cli
