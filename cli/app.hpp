// The command-line front end: options every command shares and the table of subcommands.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "generators/platform/scaffolds.hpp"

namespace gitopsgen::cli {

// Options accepted by every command, before or after the subcommand name.
struct GlobalOptions {
  std::string directory = ".";  // -C DIR
  bool dry_run = false;
  bool no_commit = false;
  std::string message;
  std::string output = "text";  // text | json
  bool quiet = false;
  bool verbose = false;
  bool yes = false;
  std::string scaffolds_dir;
  bool allow_dirty = false;    // may overwrite files with uncommitted changes
  double lock_timeout = 30.0;  // seconds to wait for another run or git's index.lock

  // True when output should be JSON.
  bool json() const { return output == "json"; }
  // The scaffolds to render: --scaffolds DIR, else the embedded ones.
  ScaffoldSource scaffolds() const;
};

// Where a command writes: results to `out`, diagnostics to `err`.
struct Streams {
  std::ostream& out;
  std::ostream& err;
};

// A subcommand: registers its options on `app` and returns the action run once parsed; the
// action returns the process exit code.
struct Subcommand {
  const char* name;
  const char* description;
  std::function<std::function<int(const GlobalOptions&, Streams)>(CLI::App& app)> define;
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
// The `promote` subcommand.
Subcommand promote_command();
// The `status` subcommand.
Subcommand status_command();
// The `history` subcommand.
Subcommand history_command();
// The `apply` subcommand.
Subcommand apply_command();
// The `migrate` subcommand and its own subcommands.
Subcommand migrate_command();
// The `recover` subcommand.
Subcommand recover_command();

// Parses `argv`, runs the chosen subcommand and returns the exit code; never throws.
int run(int argc, char** argv);

}  // namespace gitopsgen::cli
