// `gitopsgen completion fish`: one `complete` line per command, option and argument, each under
// a condition that walks the command line to the command being completed.
#include <set>

#include "cli/completion_script.hpp"

namespace gitopsgen::cli {
namespace {

// `text` as one fish word: single-quoted, with \ and ' escaped.
std::string fish_word(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// The first line of `text`, for fish's one-line descriptions.
std::string summary(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// The walker and the helpers the conditions call.
constexpr const char* kFunctions = R"FISH(
# Walks the words before the cursor: sets __gitopsgen_key (the command being completed),
# __gitopsgen_dir (-C's directory) and __gitopsgen_pos (its positional words so far).
function __gitopsgen_state
    set -l tokens (commandline -opc)
    set -g __gitopsgen_key gitopsgen
    set -g __gitopsgen_dir
    set -g __gitopsgen_pos
    set -l i 2
    while test $i -le (count $tokens)
        set -l w $tokens[$i]
        switch $w
            case '--*=*'
            case -C
                set i (math $i + 1)
                if test $i -le (count $tokens)
                    set -g __gitopsgen_dir $tokens[$i]
                end
            case '-C?*'
                set -g __gitopsgen_dir (string sub -s 3 -- $w)
            case '-*'
                if __gitopsgen_valued "$__gitopsgen_key" $w
                    set i (math $i + 1)
                end
            case '*'
                if test (count $__gitopsgen_pos) -eq 0; and contains -- $w (__gitopsgen_subs "$__gitopsgen_key")
                    set -g __gitopsgen_key "$__gitopsgen_key $w"
                else
                    set -ga __gitopsgen_pos $w
                end
        end
        set i (math $i + 1)
    end
    set -g __gitopsgen_dir (string replace -r '^~' -- $HOME $__gitopsgen_dir)
end

# True when completing command KEY with N positional words typed ("N+": N or more; none: any).
function __gitopsgen_at --argument-names key n
    __gitopsgen_state
    test "$__gitopsgen_key" = "$key"; or return 1
    set -l typed (count $__gitopsgen_pos)
    switch "$n"
        case ''
            return 0
        case '*+'
            test $typed -ge (string replace '+' '' -- $n)
        case '*'
            test $typed -eq $n
    end
end

# The names of KIND (services, environments) in the platform at hand; nothing on error.
function __gitopsgen_names --argument-names kind
    __gitopsgen_state
    set -l bin (string replace -r '^~' -- $HOME (commandline -opc)[1])
    if test -n "$__gitopsgen_dir"
        $bin -C $__gitopsgen_dir __complete $kind 2>/dev/null
    else
        $bin __complete $kind 2>/dev/null
    end
end

# The environments, each after the comma-separated ones already typed.
function __gitopsgen_env_list
    set -l head (string match -r '^.*,' -- (commandline -ct))
    for name in (__gitopsgen_names environments)
        echo $head$name
    end
end

# The subcommands of the command named by `help`'s words so far.
function __gitopsgen_help_commands
    __gitopsgen_state
    __gitopsgen_subs (string join ' ' gitopsgen $__gitopsgen_pos)
end
)FISH";

// The arguments of `complete` that make it take a value of `kind`.
std::string value_spec(const std::string& kind) {
  if (kind.empty()) return "";
  if (kind == "file") return " -r -F";
  if (kind == "dir") return " -x -a '(__fish_complete_directories)'";
  if (kind == "services" || kind == "environments")
    return " -x -a " + fish_word("(__gitopsgen_names " + kind + ")");
  if (kind == "envlist") return " -x -a '(__gitopsgen_env_list)'";
  if (kind == "commands") return " -x -a '(__gitopsgen_help_commands)'";
  return " -x -a " + fish_word(kind.substr(1));
}

std::string condition(const std::string& key, const std::string& n = "") {
  return " -n " + fish_word("__gitopsgen_at " + fish_word(key) + (n.empty() ? "" : " " + n));
}

}  // namespace

std::string fish_completion(const CliModel& model) {
  std::string subs =
      "\n# The subcommands of KEY, one per line.\nfunction __gitopsgen_subs\n"
      "    switch $argv[1]\n";
  std::string valued =
      "\n# True when option OPT of command KEY takes a value.\n"
      "function __gitopsgen_valued --argument-names key opt\n"
      "    switch \"$key|$opt\"\n        case";
  std::string lines = "\ncomplete -c gitopsgen -f\n";
  std::set<std::string> shared_valued;
  for (const auto& a : model.shared)
    if (!completion_kind(a).empty())
      for (const auto& name : a.names) shared_valued.insert(name);
  for (const auto& name : shared_valued) valued += " " + fish_word("*|" + name);
  for (const auto* c : completion_paths(model)) {
    const auto key = command_key(model, c);
    const auto& children = children_of(model, c);
    if (!children.empty()) {
      subs += "        case " + fish_word(key) + "\n            printf '%s\\n'";
      for (const auto& child : children) {
        subs += " " + child.name;
        lines += "complete -c gitopsgen" + condition(key, "0") + " -a " + fish_word(child.name) +
                 " -d " + fish_word(summary(child.description)) + "\n";
      }
      subs += "\n";
    }
    for (const auto& a : offered_options(model, c)) {
      const auto kind = completion_kind(a);
      std::string line = "complete -c gitopsgen" + condition(key);
      for (const auto& name : a.names) {
        if (!kind.empty() && !shared_valued.count(name))
          valued += " " + fish_word(key + "|" + name);
        line += (name.size() == 2 ? " -s " : " -l ") + name.substr(name.size() == 2 ? 1 : 2);
      }
      lines += line + " -d " + fish_word(summary(a.description)) + value_spec(kind) + "\n";
    }
    if (!c) continue;
    for (std::size_t i = 0; i < c->positional.size(); ++i) {
      const auto& a = c->positional[i];
      const auto n = std::to_string(i) + (i + 1 == c->positional.size() && a.repeatable ? "+" : "");
      const auto kind = completion_kind(a);
      std::string values;
      if (kind == "file")
        values = " -F";
      else if (kind == "dir")
        values = " -a '(__fish_complete_directories)'";
      else
        values = value_spec(kind).substr(3);  // without " -x"
      lines += "complete -c gitopsgen" + condition(key, n) + values + "\n";
    }
  }
  subs += "    end\nend\n";
  valued += "\n            return 0\n    end\n    return 1\nend\n";
  return "# fish completion for gitopsgen; written by `gitopsgen completion fish` from the\n"
         "# definitions that parse its command line. Load it with:\n"
         "#   gitopsgen completion fish | source\n" +
         std::string(kFunctions) + subs + valued + lines;
}

}  // namespace gitopsgen::cli
