// `gitopsgen __man` (hidden): the man page gitopsgen(1) in roff, written from the same
// definitions that parse the command line; the build writes it to build/gitopsgen.1.
#include <ostream>

#include "cli/app.hpp"
#include "cli/man_page.hpp"

namespace gitopsgen::cli {

Subcommand man_command() {
  return {"__man",
          "Print the man page, in roff",
          [](CLI::App& app) {
            app.group("");  // hidden from help
            return [&app](const GlobalOptions&, Streams io) {
              io.out << man_page(describe_cli(*app.get_parent()), GITOPSGEN_VERSION);
              return 0;
            };
          },
          0,
          {"text"}};
}

}  // namespace gitopsgen::cli
