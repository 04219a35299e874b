// `gitopsgen recover`: finish or undo the commit of a gitopsgen run that was killed half-way.
#include "cli/app.hpp"

namespace gitopsgen::cli {

Subcommand recover_command() {
  return {"recover",
          "Finish or undo the change of a gitopsgen run that was interrupted (also done "
          "automatically before any command that changes the repository)",
          [](CLI::App& app) {
            app.footer("Example:\n  gitopsgen -C platform-repo recover\n");
            // The repository guard run before every changing command did the work already.
            return [](const GlobalOptions& g, Streams io) {
              if (!g.quiet) io.out << "The repository is consistent.\n";
              return 0;
            };
          },
          kLocks};
}

}  // namespace gitopsgen::cli
