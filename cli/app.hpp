// The command-line front end: options every command shares and the table of subcommands.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "generators/platform/scaffolds.hpp"

namespace gitopsgen::cli {

// Options accepted by every command, before or after the subcommand name.
struct GlobalOptions {
  std::string directory = ".";  // -C DIR
  bool dry_run = false;
  bool no_commit = false;
  std::string message;
  std::string output = "text";  // -o: one of the command's formats
  bool quiet = false;
  bool verbose = false;
  bool yes = false;
  std::string scaffolds_dir;
  bool allow_dirty = false;    // may overwrite files with uncommitted changes
  double lock_timeout = 30.0;  // seconds to wait for another run or git's index.lock
  std::string color = "auto";  // --color: auto | always | never
  bool no_pager = false;       // --no-pager
  bool colour = false;         // resolved from --color, NO_COLOR and the terminal

  // True when output should be JSON.
  bool json() const { return output == "json"; }
  // True when output is a value tree: JSON or YAML.
  bool structured() const { return output == "json" || output == "yaml"; }
  // The scaffolds to render: --scaffolds DIR, else the embedded ones.
  ScaffoldSource scaffolds() const;
};

// Where a command writes: results to `out`, diagnostics to `err`.
struct Streams {
  std::ostream& out;
  std::ostream& err;
};

// The shared options a command gives a meaning to (bits of Subcommand::uses); -C, -o, -q, -v,
// --color and --no-pager mean something to every command, any other shared option given to a
// command whose bit is clear is refused.
enum Uses : unsigned {
  kWrites = 1u << 0,     // --dry-run, --no-commit, -m/--message, --allow-dirty
  kLocks = 1u << 1,      // --lock-timeout: the command takes the repository lock
  kScaffolds = 1u << 2,  // --scaffolds
  kPrompts = 1u << 3,    // -y/--yes
};

// A subcommand: registers its options on `app` and returns the action run once parsed; the
// action returns the process exit code (see ExitCode).
struct Subcommand {
  const char* name;
  const char* description;
  std::function<std::function<int(const GlobalOptions&, Streams)>(CLI::App& app)> define;
  unsigned uses = 0;                                         // the shared options it honours (Uses)
  std::vector<std::string> formats{"text", "json", "yaml"};  // the values -o may take
};

// The exit codes every command shares.
enum ExitCode : int {
  kSuccess = 0,      // done, or nothing to change
  kFailure = 1,      // an error: nothing was changed
  kUsage = 2,        // the command line is wrong
  kNeedsPerson = 3,  // a conflict or a refusal only a person can resolve
};

// The `init` subcommand.
Subcommand init_command();
// The `validate` subcommand.
Subcommand validate_command();
// The `add-service` subcommand.
Subcommand add_service_command();
// The `remove-service` subcommand.
Subcommand remove_service_command();
// The `set-image` subcommand.
Subcommand set_image_command();
// The `rollback` subcommand.
Subcommand rollback_command();
// The `set` subcommand.
Subcommand set_command();
// The `unset` subcommand.
Subcommand unset_command();
// The `get` subcommand.
Subcommand get_command();
// The `promote` subcommand.
Subcommand promote_command();
// The `status` subcommand.
Subcommand status_command();
// The `history` subcommand.
Subcommand history_command();
// The `list` subcommand.
Subcommand list_command();
// The `diff` subcommand.
Subcommand diff_command();
// The `apply` subcommand.
Subcommand apply_command();
// The `upgrade` subcommand.
Subcommand upgrade_command();

// The `adopt` subcommand.
Subcommand adopt_command();
// The `migrate` subcommand and its own subcommands.
Subcommand migrate_command();
// The `recover` subcommand.
Subcommand recover_command();
// The `graph` subcommand.
Subcommand graph_command();

// The `version` subcommand.
Subcommand version_command();
// The `help` subcommand.
Subcommand help_command();
// The `completion` subcommand: a shell's completion script.
Subcommand completion_command();
// The hidden `__complete` subcommand: the service or environment names completion offers.
Subcommand complete_command();
// The hidden `__man` subcommand: the man page, in roff.
Subcommand man_command();

// Every subcommand run() registers, in help order; the hidden ones are in group "".
const std::vector<Subcommand>& subcommand_table();

// What `version` and `--version` print: the version, the build's commit and the libraries.
std::string version_text();

// Parses `argv`, runs the chosen subcommand and returns the exit code; never throws.
int run(int argc, char** argv);

}  // namespace gitopsgen::cli
