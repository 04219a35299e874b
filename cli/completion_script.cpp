#include "cli/completion_script.hpp"

#include <cctype>
#include <string_view>

namespace gitopsgen::cli {

std::string completion_kind(const Argument& a) {
  switch (a.kind) {
    case ValueKind::none:
      return "";
    case ValueKind::text:
      return "file";
    case ValueKind::directory:
      return "dir";
    case ValueKind::services:
      return "services";
    case ValueKind::environments:
      return "environments";
    case ValueKind::environment_list:
      return "envlist";
    case ValueKind::commands:
      return "commands";
    case ValueKind::choices:
      break;
  }
  std::string text = "=";
  for (const auto& choice : a.choices) text += (text.size() > 1 ? " " : "") + choice;
  return text;
}

void add_positional_kinds(std::map<std::string, std::string>& kinds, const std::string& key,
                          const Command& command) {
  const auto& positional = command.positional;
  for (std::size_t i = 0; i < positional.size(); ++i) {
    const auto kind = completion_kind(positional[i]);
    kinds[key + "|@" + std::to_string(i)] = kind;
    if (i + 1 == positional.size() && positional[i].repeatable) kinds[key + "|@+"] = kind;
  }
}

std::string command_key(const CliModel& model, const Command* command) {
  return command ? model.name + " " + command->path : model.name;
}

std::string shell_word(const std::string& text) {
  bool plain = !text.empty();
  for (const char c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) ||
          std::string_view("-_./=@%+,:").find(c) != std::string_view::npos))
      plain = false;
  // A leading = or ~ is expanded by zsh (=cmd, ~user).
  if (plain && text.front() != '=' && text.front() != '~') return text;
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<Argument> offered_options(const CliModel& model, const Command* command) {
  if (!command) return model.shared;
  auto options = command->options;
  options.insert(options.end() - (options.empty() ? 0 : 1), command->shared.begin(),
                 command->shared.end());
  return options;
}

const std::vector<Command>& children_of(const CliModel& model, const Command* command) {
  return command ? command->children : model.commands;
}

std::vector<const Command*> completion_paths(const CliModel& model) {
  std::vector<const Command*> paths{nullptr};
  for (const auto* c : all_commands(model)) paths.push_back(c);
  return paths;
}

}  // namespace gitopsgen::cli
