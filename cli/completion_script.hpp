// Shell completion scripts for gitopsgen, written from the command model (cli/command_model.hpp):
// every command, option and allowed value the parser knows, and the platform's services and
// environments asked of `gitopsgen __complete` while completing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/command_model.hpp"

namespace gitopsgen::cli {

// The shells `gitopsgen completion` writes a script for.
inline const std::vector<std::string> kCompletionShells{"bash", "zsh", "fish"};

// The bash script (needs bash 4; uses bash-completion's helpers when loaded).
std::string bash_completion(const CliModel& model);
// The zsh script: an autoloadable `_gitopsgen` (#compdef), or sourced after compinit.
std::string zsh_completion(const CliModel& model);
// The fish script, for vendor_completions.d or `| source`.
std::string fish_completion(const CliModel& model);

// How the scripts complete a value of `a`: "" (no value), "file", "dir", "services",
// "environments", "envlist", "commands", or "=" followed by the allowed values, space-separated.
std::string completion_kind(const Argument& a);

// Adds to `kinds` how each positional argument of `command` (table key `key`) completes: under
// "KEY|@N" for the N-th, and "KEY|@+" for any after the last when it repeats.
void add_positional_kinds(std::map<std::string, std::string>& kinds, const std::string& key,
                          const Command& command);

// The key the scripts' tables use for `command`: "gitopsgen migrate rename-chart".
std::string command_key(const CliModel& model, const Command* command);

// `text` as one word for a POSIX shell (bash, zsh): single-quoted where needed.
std::string shell_word(const std::string& text);

// The options of `command` a user may give, shared ones included (the root's for null).
std::vector<Argument> offered_options(const CliModel& model, const Command* command);

// The subcommands of `command` (the root's for null).
const std::vector<Command>& children_of(const CliModel& model, const Command* command);

// Every command of `model` with the root first, as null.
std::vector<const Command*> completion_paths(const CliModel& model);

}  // namespace gitopsgen::cli
