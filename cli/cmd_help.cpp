// `gitopsgen help [COMMAND...]`: the help of gitopsgen or of one of its commands.
#include <memory>
#include <ostream>

#include "cli/app.hpp"
#include "cli/command_model.hpp"
#include "cli/suggest.hpp"
#include "generators/error.hpp"

namespace gitopsgen::cli {

Subcommand help_command() {
  return {"help",
          "Show the help of gitopsgen or of a command",
          [](CLI::App& app) {
            auto words = std::make_shared<std::vector<std::string>>();
            app.add_option("COMMAND", *words, "A command, and a subcommand of it")
                ->check(completes_commands());
            app.footer("Examples:\n  gitopsgen help\n  gitopsgen help migrate rename-chart\n");
            return [&app, words](const GlobalOptions&, Streams io) {
              const CLI::App* at = app.get_parent();
              std::string path = at->get_name();
              for (const auto& word : *words) {
                std::vector<std::string> names;
                const CLI::App* next = nullptr;
                for (const auto* sub : at->get_subcommands({})) {
                  if (!sub->get_group().empty()) names.push_back(sub->get_name());
                  if (sub->get_name() == word) next = sub;
                }
                if (!next)
                  throw UsageError("unknown command '" + word + "'" + did_you_mean(word, names));
                at = next;
                path += " " + at->get_name();
              }
              // The formatter itself: App::help() would show the help of `help`, the command run.
              io.out << at->get_formatter()->make_help(at, path, CLI::AppFormatMode::Normal);
              return 0;
            };
          },
          0,
          {"text"}};
}

}  // namespace gitopsgen::cli
