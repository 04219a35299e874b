#include "cli/app.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string_view>

#include "cli/repository_guard.hpp"
#include "cli/shared_options.hpp"
#include "cli/suggest.hpp"
#include "cli/terminal.hpp"
#include "generators/error.hpp"

namespace gitopsgen::cli {

ScaffoldSource GlobalOptions::scaffolds() const {
  if (scaffolds_dir.empty()) return ScaffoldSource();
  return ScaffoldSource(std::filesystem::path(scaffolds_dir));
}

namespace {

// `text` with every control character escaped (\n, \r, \t, else \xNN), so user input echoed in
// an error cannot add lines; only a newline followed by two spaces, the indented continuation
// lines of a multi-line error (apply -f's one per invalid entry), is kept.
std::string one_line(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '\n' && text.compare(i + 1, 2, "  ") == 0) {
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += ch;
    }
  }
  return out;
}

// "unknown command 'X'" (or migration) when parsing stopped at a word naming no subcommand of the
// deepest command chosen; empty otherwise.
std::string unknown_subcommand(const CLI::App& app) {
  const CLI::App* deepest = &app;
  while (!deepest->get_subcommands().empty()) deepest = deepest->get_subcommands().front();
  if (deepest->get_subcommands({}).empty()) return "";
  // A stray word may stay with the command that met it or, passed up, with a parent.
  for (const CLI::App* at = deepest; at != nullptr; at = at->get_parent()) {
    for (const auto& arg : at->remaining()) {
      if (arg.empty() || arg.front() == '-') continue;
      return std::string(deepest == &app ? "unknown command '" : "unknown migration '") + arg + "'";
    }
  }
  return "";
}

// The names of `app`'s subcommands, for "did you mean"; not the hidden ones (group "").
std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands({}))
    if (!sub->get_group().empty()) names.push_back(sub->get_name());
  return names;
}

// The long and short option names `app` and its ancestors accept, for "did you mean".
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* at = &app; at != nullptr; at = at->get_parent())
    for (const auto* option : at->get_options()) {
      for (const auto& name : option->get_lnames()) names.push_back("--" + name);
      for (const auto& name : option->get_snames()) names.push_back("-" + name);
    }
  return names;
}

// The message of a parse error, with a suggestion for a mistyped command or option.
std::string parse_error_message(const CLI::App& app, const CLI::ParseError& e) {
  const CLI::App* deepest = &app;
  while (!deepest->get_subcommands().empty()) deepest = deepest->get_subcommands().front();
  const auto unknown = unknown_subcommand(app);
  if (!unknown.empty()) {
    const auto word =
        unknown.substr(unknown.find('\'') + 1, unknown.rfind('\'') - unknown.find('\'') - 1);
    return unknown + did_you_mean(word, subcommand_names(*deepest));
  }
  std::string message = e.what();
  // "The following argument was not expected: --dryrun": suggest the nearest option.
  for (const CLI::App* at = deepest; at != nullptr; at = at->get_parent())
    for (const auto& arg : at->remaining())
      if (arg.size() > 1 && arg.front() == '-') {
        const auto word = arg.substr(0, arg.find('='));
        return "unknown option '" + word + "'" + did_you_mean(word, option_names(*deepest));
      }
  return message;
}

}  // namespace

const std::vector<Subcommand>& subcommand_table() {
  static const std::vector<Subcommand> commands = {
      init_command(),     add_service_command(), remove_service_command(), set_image_command(),
      rollback_command(), set_command(),         unset_command(),          get_command(),
      promote_command(),  status_command(),      list_command(),           diff_command(),
      history_command(),  apply_command(),       upgrade_command(),        adopt_command(),
      migrate_command(),  validate_command(),    recover_command(),        version_command(),
      help_command(),     graph_command(),       completion_command(),     complete_command(),
      man_command()};
  return commands;
}

int run(int argc, char** argv) {
  CLI::App app{"gitopsgen: generate and maintain an Argo CD GitOps platform repository",
               "gitopsgen"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand too
  app.footer(
      "Examples:\n"
      "  gitopsgen init platform-repo --repo-url https://git.example.com/p/gitops.git\n"
      "  gitopsgen -C platform-repo add-service service-c --language python --secret "
      "postgres:host,password\n"
      "  gitopsgen -C platform-repo set-image service-c --env dev --tag 1.1.0 --push\n"
      "  gitopsgen -C platform-repo promote --all --from dev --to staging --dry-run\n"
      "  gitopsgen -C platform-repo status\n"
      "Run 'gitopsgen help COMMAND' for a command's options and examples.\n"
      "Exit codes: 0 done (or nothing to change), 1 failed, 2 usage error, 3 needs a person "
      "(a conflict or a refusal).\n");
  GlobalOptions global;
  const auto& commands = subcommand_table();
  std::vector<std::string> formats;
  for (const auto& command : commands)
    for (const auto& format : command.formats)
      if (std::find(formats.begin(), formats.end(), format) == formats.end())
        formats.push_back(format);
  add_global_options(app, global, formats);

  std::function<int(const GlobalOptions&, Streams)> action;
  const Subcommand* chosen = nullptr;
  for (const auto& command : commands) {
    auto* sub = app.add_subcommand(command.name, command.description);
    auto run_it = command.define(*sub);
    sub->footer(sub->get_footer() + (sub->get_footer().empty() ? "" : "\n") +
                shared_options_help(app, command));
    sub->callback([&action, &chosen, run_it, c = &command] {
      action = run_it;
      chosen = c;
    });
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, like every other error; --help has the details.
    std::cerr << "gitopsgen: error: " << one_line(parse_error_message(app, e)) << " (see --help)\n";
    return kUsage;
  }
  // Diagnostics go to stderr, so stdout holds only results (and clean JSON).
  spdlog::set_default_logger(spdlog::stderr_color_mt("gitopsgen"));
  spdlog::set_pattern("%v");
  spdlog::set_level(global.verbose ? spdlog::level::debug
                    : global.quiet ? spdlog::level::err
                                   : spdlog::level::info);
  global.colour = use_colour(global.color);
  try {
    check_shared_options(app, *chosen, global);
    if (std::error_code ec; !std::filesystem::is_directory(global.directory, ec))
      throw UsageError("no such directory: " + global.directory);
    // Commands that change the repository run one at a time, after any interrupted run is undone.
    const auto guard = (chosen->uses & kLocks)
                           ? guard_repository(global, Streams{std::cout, std::cerr},
                                              std::string_view(chosen->name) != "recover")
                           : std::nullopt;
    return action(global, Streams{std::cout, std::cerr});
  } catch (const NeedsPerson& e) {
    std::cerr << "gitopsgen: error: " << one_line(e.what()) << "\n";
    return kNeedsPerson;
  } catch (const UsageError& e) {
    std::cerr << "gitopsgen: error: " << one_line(e.what()) << "\n";
    return kUsage;
  } catch (const Error& e) {
    std::cerr << "gitopsgen: error: " << one_line(e.what()) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "gitopsgen: internal error: " << one_line(e.what()) << "\n";
  }
  return kFailure;
}

}  // namespace gitopsgen::cli
