// The command line as data: every command, option and argument the CLI11 definitions declare,
// read back from the parser so that completion scripts and the man page cannot drift from it.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace gitopsgen::cli {

// What the value of an option or argument is, for completion.
enum class ValueKind {
  none,              // a flag: no value
  text,              // anything (completed as a file name)
  directory,         // a directory (type name DIR)
  choices,           // one of Argument::choices
  services,          // a service of the platform at hand
  environments,      // an environment of the platform at hand
  environment_list,  // a comma-separated list of those environments
  commands,          // a command name, then a subcommand of it (`help`)
};

// Marks an option or argument whose values are the platform's service names (shell completion
// offers them); accepts every value, shows nothing in help.
CLI::Validator completes_services();
// Marks a value that is one of the platform's environments.
CLI::Validator completes_environments();
// Marks a value that is a comma-separated list of the platform's environments.
CLI::Validator completes_environment_list();
// Marks a value that is a command name followed by subcommand names.
CLI::Validator completes_commands();
// Lists `values` in help ("{a,b}") and completion without checking them: the command checks and
// names them in its own error.
CLI::Validator completes_choices(const std::vector<std::string>& values);

// One option or positional argument.
struct Argument {
  std::vector<std::string> names;  // "--dry-run", "-o" (long first); empty for a positional
  std::string positional;          // the positional's name ("SERVICE"), else empty
  std::string type_name;           // "DIR", "TEXT", "FORMAT" (without the choices)
  std::string description;
  ValueKind kind = ValueKind::none;
  std::vector<std::string> choices;  // the allowed values, when kind is choices
  bool required = false;
  bool repeatable = false;  // a positional taking several values, an option given several times
};

// One command: a subcommand of gitopsgen, or of one of them (`migrate rename-chart`).
struct Command {
  std::string name;  // "rename-chart"
  std::string path;  // "migrate rename-chart"
  std::string description;
  std::string footer;                // the examples and notes, without the shared options
  std::vector<Argument> options;     // its own options, then --help
  std::vector<Argument> positional;  // in command-line order
  std::vector<Argument> shared;      // the shared options it honours, -o with its formats
  std::vector<Command> children;
};

// The whole command line of gitopsgen.
struct CliModel {
  std::string name;  // "gitopsgen"
  std::string description;
  std::string footer;
  std::vector<Argument> shared;  // every shared option, then --help and --version
  std::vector<Command> commands;
};

// Reads `root` (the parser run() builds, hidden commands left out) and the subcommand table.
CliModel describe_cli(CLI::App& root);

// Every command of `model`, parents before their children.
std::vector<const Command*> all_commands(const CliModel& model);

}  // namespace gitopsgen::cli
