#include "cli/shared_options.hpp"

#include <algorithm>

#include "cli/output.hpp"
#include "generators/error.hpp"

namespace gitopsgen::cli {
namespace {

// The shared options a command must honour to be given them, by their long name.
struct Gated {
  const char* name;
  unsigned bit;
};
constexpr Gated kGated[] = {
    {"--dry-run", kWrites},     {"--no-commit", kWrites},   {"--message", kWrites},
    {"--allow-dirty", kWrites}, {"--lock-timeout", kLocks}, {"--scaffolds", kScaffolds},
    {"--yes", kPrompts},
};

}  // namespace

bool honours(const CLI::Option& option, unsigned uses) {
  for (const auto& gated : kGated)
    if (option.check_lname(std::string(gated.name).substr(2))) return (uses & gated.bit) != 0;
  return true;
}

void add_global_options(CLI::App& app, GlobalOptions& g, const std::vector<std::string>& formats) {
  app.add_option("-C", g.directory, "Run as if started in DIR")->type_name("DIR");
  app.add_flag("--dry-run", g.dry_run,
               "Print the unified diff of what would change; write nothing");
  app.add_flag("--no-commit", g.no_commit, "Write the files but make no commit");
  app.add_option("-m,--message", g.message, "Commit message instead of the generated one")
      ->type_name("TEXT");
  app.add_option("-o,--output", g.output, "Output format: " + join(formats, ", "))
      ->check(CLI::IsMember(formats))
      ->type_name("FORMAT");
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
  app.add_option("--color", g.color, "Colour the output: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  app.add_flag("--no-pager", g.no_pager, "Never page long output");
}

std::string shared_options_help(const CLI::App& root, const Subcommand& command) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto* option : root.get_options()) {
    if (option->get_lnames().empty() && option->get_snames().empty()) continue;
    if (option->check_lname("help") || option->check_lname("version")) continue;
    if (!honours(*option, command.uses)) continue;
    std::string name = option->get_name(false, true);
    // The type name without the list of allowed values a check appends (":{a,b}").
    if (option->get_type_size() != 0)
      name += " " + option->get_type_name().substr(0, option->get_type_name().find(':'));
    std::string text = option->get_description();
    if (option->check_lname("output")) text = "Output format: " + join(command.formats, ", ");
    rows.emplace_back(name, text);
  }
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  std::string help = std::string(kSharedOptionsHeading) + "\n";
  for (const auto& [name, text] : rows)
    help += "  " + name + std::string(width - name.size() + 2, ' ') + text + "\n";
  return help;
}

void check_shared_options(const CLI::App& root, const Subcommand& command, const GlobalOptions& g) {
  for (const auto* option : root.get_options()) {
    if (option->count() == 0 || honours(*option, command.uses)) continue;
    throw UsageError(option->get_name() + " has no effect on '" + command.name + "'");
  }
  if (root.get_option("--output")->count() > 0 &&
      std::find(command.formats.begin(), command.formats.end(), g.output) == command.formats.end())
    throw UsageError("'" + std::string(command.name) + "' has no output format '" + g.output +
                     "' (it has " + join(command.formats, ", ") + ")");
  if (g.dry_run && g.no_commit) throw UsageError("--dry-run and --no-commit cannot be combined");
  if (root.get_option("--message")->count() > 0 && g.message.empty())
    throw UsageError("--message must not be empty");
  if (root.get_option("--message")->count() > 0 && g.no_commit)
    throw UsageError("--message has no effect with --no-commit: no commit is made");
}

}  // namespace gitopsgen::cli
