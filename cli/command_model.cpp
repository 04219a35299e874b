#include "cli/command_model.hpp"

#include <algorithm>

#include "cli/app.hpp"
#include "cli/shared_options.hpp"

namespace gitopsgen::cli {
namespace {

// The names of the marking validators, read back by kind_of().
constexpr const char* kServices = "complete:services";
constexpr const char* kEnvironments = "complete:environments";
constexpr const char* kEnvironmentList = "complete:environment-list";
constexpr const char* kCommands = "complete:commands";

CLI::Validator marker(const char* name) {
  return CLI::Validator([](std::string&) { return std::string(); }, "", name);
}

bool has_validator(CLI::Option& option, const char* name) {
  try {
    option.get_validator(name);
    return true;
  } catch (const CLI::OptionNotFound&) {
    return false;
  }
}

// The values of the first validator described as a set ("{a,b,c}"), as IsMember describes its.
std::vector<std::string> choices_of(CLI::Option& option) {
  for (int i = 0;; ++i) {
    CLI::Validator* validator = nullptr;
    try {
      validator = option.get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      return {};
    }
    const auto text = validator->get_description();
    if (text.size() < 2 || text.front() != '{' || text.back() != '}') continue;
    std::vector<std::string> values;
    std::size_t start = 1;
    while (start < text.size()) {
      auto comma = text.find(',', start);
      if (comma == std::string::npos) comma = text.size() - 1;
      if (comma > start) values.push_back(text.substr(start, comma - start));
      start = comma + 1;
    }
    return values;
  }
}

// The type name without the descriptions its validators append (":{a,b}", ":FLOAT in [0 - 1]").
std::string type_name_of(CLI::Option& option) {
  auto name = option.get_type_name();
  std::string suffix;
  for (int i = 0;; ++i) {
    try {
      const auto text = option.get_validator(i)->get_description();
      if (!text.empty()) suffix += ":" + text;
    } catch (const CLI::OptionNotFound&) {
      break;
    }
  }
  if (name.size() >= suffix.size() &&
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
    name.erase(name.size() - suffix.size());
  return name;
}

Argument argument_of(CLI::Option& option) {
  Argument a;
  for (const auto& name : option.get_lnames()) a.names.push_back("--" + name);
  for (const auto& name : option.get_snames()) a.names.push_back("-" + name);
  if (!option.nonpositional()) a.positional = option.get_name(true, false);
  a.type_name = type_name_of(option);
  a.description = option.get_description();
  a.required = option.get_required();
  a.repeatable = option.get_items_expected_max() > 1;
  a.choices = choices_of(option);
  if (option.get_expected_max() == 0 && option.nonpositional())
    a.kind = ValueKind::none;
  else if (has_validator(option, kServices))
    a.kind = ValueKind::services;
  else if (has_validator(option, kEnvironments))
    a.kind = ValueKind::environments;
  else if (has_validator(option, kEnvironmentList))
    a.kind = ValueKind::environment_list;
  else if (has_validator(option, kCommands))
    a.kind = ValueKind::commands;
  else if (!a.choices.empty())
    a.kind = ValueKind::choices;
  else if (a.type_name == "DIR" || a.positional == "DIR")
    a.kind = ValueKind::directory;
  else
    a.kind = ValueKind::text;
  return a;
}

bool is_help(const CLI::App& app, const CLI::Option& option) {
  return &option == app.get_help_ptr() || &option == app.get_help_all_ptr() ||
         option.check_lname("version");
}

// The footer `app` was given, without the shared options run() appends to it.
std::string own_footer(const CLI::App& app) {
  auto footer = app.get_footer();
  const auto at = footer.find(kSharedOptionsHeading);
  if (at != std::string::npos) footer.erase(at);
  while (!footer.empty() && footer.back() == '\n') footer.pop_back();
  return footer.empty() ? footer : footer + "\n";
}

// The visible subcommands of `app`: not option groups, not the hidden ones (group "").
std::vector<CLI::App*> visible_subcommands(CLI::App& app) {
  return app.get_subcommands(
      [](CLI::App* sub) { return !sub->get_name().empty() && !sub->get_group().empty(); });
}

Command command_of(CLI::App& app, const std::string& parent_path,
                   const std::vector<Argument>& shared) {
  Command c;
  c.name = app.get_name();
  c.path = parent_path.empty() ? c.name : parent_path + " " + c.name;
  c.description = app.get_description();
  c.footer = own_footer(app);
  c.shared = shared;
  for (auto* option : app.get_options()) {
    if (is_help(app, *option)) continue;
    (option->nonpositional() ? c.options : c.positional).push_back(argument_of(*option));
  }
  if (const auto* help = app.get_help_ptr()) {
    Argument h;
    for (const auto& name : help->get_lnames()) h.names.push_back("--" + name);
    for (const auto& name : help->get_snames()) h.names.push_back("-" + name);
    h.description = help->get_description();
    c.options.push_back(h);
  }
  for (auto* sub : visible_subcommands(app)) c.children.push_back(command_of(*sub, c.path, shared));
  return c;
}

}  // namespace

CLI::Validator completes_services() {
  return marker(kServices);
}
CLI::Validator completes_environments() {
  return marker(kEnvironments);
}
CLI::Validator completes_environment_list() {
  return marker(kEnvironmentList);
}
CLI::Validator completes_commands() {
  return marker(kCommands);
}

CLI::Validator completes_choices(const std::vector<std::string>& values) {
  std::string text = "{";
  for (const auto& value : values) text += (text.size() > 1 ? "," : "") + value;
  return CLI::Validator([](std::string&) { return std::string(); }, text + "}", "complete:choices");
}

CliModel describe_cli(CLI::App& root) {
  CliModel model;
  model.name = root.get_name();
  model.description = root.get_description();
  model.footer = own_footer(root);
  std::vector<CLI::Option*> shared;
  for (auto* option : root.get_options()) {
    if (!option->nonpositional()) continue;
    if (is_help(root, *option)) continue;
    shared.push_back(option);
    model.shared.push_back(argument_of(*option));
  }
  for (auto* option : root.get_options())
    if (option->nonpositional() && is_help(root, *option)) {
      auto a = argument_of(*option);
      a.kind = ValueKind::none;
      model.shared.push_back(a);
    }
  for (auto* sub : visible_subcommands(root)) {
    const auto& table = subcommand_table();
    const auto entry = std::find_if(table.begin(), table.end(),
                                    [&](const Subcommand& s) { return s.name == sub->get_name(); });
    std::vector<Argument> honoured;
    for (auto* option : shared) {
      if (entry != table.end() && !honours(*option, entry->uses)) continue;
      auto a = argument_of(*option);
      if (option->check_lname("output") && entry != table.end()) a.choices = entry->formats;
      honoured.push_back(a);
    }
    model.commands.push_back(command_of(*sub, "", honoured));
  }
  return model;
}

std::vector<const Command*> all_commands(const CliModel& model) {
  std::vector<const Command*> out;
  std::vector<const Command*> stack;
  for (auto it = model.commands.rbegin(); it != model.commands.rend(); ++it) stack.push_back(&*it);
  while (!stack.empty()) {
    const auto* c = stack.back();
    stack.pop_back();
    out.push_back(c);
    for (auto it = c->children.rbegin(); it != c->children.rend(); ++it) stack.push_back(&*it);
  }
  return out;
}

}  // namespace gitopsgen::cli
