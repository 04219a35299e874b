// The options every command shares: their definition, their help and which commands honour them.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace gitopsgen::cli {

// The heading of the "Shared options" section shared_options_help() appends to a command's help.
inline constexpr const char* kSharedOptionsHeading =
    "Shared options (before or after the command):";

// True when a command whose Subcommand::uses is `uses` honours the shared option `option`.
bool honours(const CLI::Option& option, unsigned uses);

// Adds the shared options to `app`, with -o taking any of `formats`.
void add_global_options(CLI::App& app, GlobalOptions& g, const std::vector<std::string>& formats);

// The "Shared options" section of `command`'s help: those of `root` it honours, one per line.
std::string shared_options_help(const CLI::App& root, const Subcommand& command);

// Throws UsageError when the command line gave `command` a shared option it does not honour, an
// output format it does not have, or two shared options that contradict each other.
void check_shared_options(const CLI::App& root, const Subcommand& command, const GlobalOptions& g);

}  // namespace gitopsgen::cli
