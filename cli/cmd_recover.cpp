// `gitopsgen recover`: finish or undo the commit of a gitopsgen run that was killed half-way.
#include <ostream>

#include "cli/app.hpp"
#include "cli/output.hpp"
#include "cli/repository_guard.hpp"
#include "generators/change/read_snapshot.hpp"

namespace gitopsgen::cli {
namespace {

// "finished", "undone", or null when there was nothing to recover.
JsonValue outcome_value(RecoveryResult::Outcome outcome) {
  switch (outcome) {
    case RecoveryResult::Outcome::rolled_back:
      return "undone";
    case RecoveryResult::Outcome::rolled_forward:
      return "finished";
    case RecoveryResult::Outcome::nothing:
      break;
  }
  return nullptr;
}

}  // namespace

Subcommand recover_command() {
  return {"recover",
          "Finish or undo the change of a gitopsgen run that was interrupted (also done "
          "automatically before any command that changes the repository)",
          [](CLI::App& app) {
            app.footer("Example:\n  gitopsgen -C platform-repo recover\n");
            // The repository guard run before every changing command did the work already.
            return [](const GlobalOptions& g, Streams io) {
              if (g.structured()) {
                const auto done = last_recovery();
                auto value = JsonValue::object();
                value.add("command", "recover")
                    .add("consistent", true)
                    .add("recovered", done.outcome != RecoveryResult::Outcome::nothing)
                    .add("outcome", outcome_value(done.outcome))
                    .add("files", done.files);
                print_value(g, io, value);
              } else if (!g.quiet) {
                // One message: what was recovered, or that there was nothing to recover.
                const auto done = last_recovery();
                if (done.outcome == RecoveryResult::Outcome::nothing)
                  io.out << "Nothing to recover: the repository is consistent.\n";
                else
                  io.out << "R" << recovery_note(done).substr(1)
                         << "; the repository is consistent.\n";
              }
              return 0;
            };
          },
          kLocks};
}

}  // namespace gitopsgen::cli
