#include "cli/app.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/repository_guard.hpp"
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

void add_global_options(CLI::App& app, GlobalOptions& g) {
  app.add_option("-C", g.directory, "Run as if started in DIR")->type_name("DIR");
  app.add_flag("--dry-run", g.dry_run,
               "Print the unified diff of what would change; write nothing");
  app.add_flag("--no-commit", g.no_commit, "Write the files but make no commit");
  app.add_option("-m,--message", g.message, "Commit message instead of the generated one");
  app.add_option("-o,--output", g.output, "Output format")->check(CLI::IsMember({"text", "json"}));
  app.add_flag("-q,--quiet", g.quiet, "Print only errors");
  app.add_flag("-v,--verbose", g.verbose, "Print what is being done");
  app.add_flag("-y,--yes", g.yes, "Never prompt; fail on a missing value instead");
  app.add_option("--scaffolds", g.scaffolds_dir,
                 "Use the templates in DIR instead of the built-in ones")
      ->type_name("DIR");
  app.add_flag("--allow-dirty", g.allow_dirty,
               "Change files even when they hold uncommitted changes");
  app.add_option("--lock-timeout", g.lock_timeout,
                 "Seconds to wait for another gitopsgen run or git's index.lock")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str()
      ->type_name("SECONDS");
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"gitopsgen: generate and maintain an Argo CD GitOps platform repository"};
  app.set_version_flag("--version", std::string("gitopsgen ") + GITOPSGEN_VERSION);
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
      "Run 'gitopsgen COMMAND --help' for a command's options and examples.\n");
  GlobalOptions global;
  add_global_options(app, global);

  std::function<int(const GlobalOptions&, Streams)> action;
  std::string chosen;
  const Subcommand commands[] = {
      init_command(),    add_service_command(), remove_service_command(), set_image_command(),
      promote_command(), status_command(),      history_command(),        apply_command(),
      migrate_command(), validate_command(),    recover_command()};
  for (const auto& command : commands) {
    auto* sub = app.add_subcommand(command.name, command.description);
    auto run_it = command.define(*sub);
    sub->callback([&action, &chosen, run_it, name = command.name] {
      action = run_it;
      chosen = name;
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
    const auto unknown = unknown_subcommand(app);
    std::cerr << "gitopsgen: error: " << one_line(unknown.empty() ? e.what() : unknown)
              << " (see --help)\n";
    return 2;
  }
  // Diagnostics go to stderr, so stdout holds only results (and clean JSON).
  spdlog::set_default_logger(spdlog::stderr_color_mt("gitopsgen"));
  spdlog::set_pattern("%v");
  spdlog::set_level(global.verbose ? spdlog::level::debug
                    : global.quiet ? spdlog::level::err
                                   : spdlog::level::info);
  if (global.dry_run && global.no_commit) {
    std::cerr << "gitopsgen: error: --dry-run and --no-commit cannot be combined\n";
    return 2;
  }
  if (app.get_option("--message")->count() > 0 && global.message.empty()) {
    std::cerr << "gitopsgen: error: --message must not be empty\n";
    return 2;
  }
  if (std::error_code ec; !std::filesystem::is_directory(global.directory, ec)) {
    std::cerr << "gitopsgen: error: no such directory: " << one_line(global.directory) << "\n";
    return 2;
  }
  try {
    // Commands that change the repository run one at a time, after any interrupted run is undone.
    const auto guard = changes_repository(chosen)
                           ? guard_repository(global, Streams{std::cout, std::cerr})
                           : std::nullopt;
    return action(global, Streams{std::cout, std::cerr});
  } catch (const Error& e) {
    std::cerr << "gitopsgen: error: " << one_line(e.what()) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "gitopsgen: internal error: " << one_line(e.what()) << "\n";
  }
  return 1;
}

}  // namespace gitopsgen::cli
