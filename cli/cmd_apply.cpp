// `gitopsgen apply -f SERVICES.yaml`: the platform holds exactly the listed services, one commit.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/allocator.hpp"
#include "cli/app.hpp"
#include "cli/input.hpp"
#include "cli/merge_flags.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "cli/secret_report.hpp"
#include "generators/error.hpp"
#include "generators/services/apply_services.hpp"

namespace gitopsgen::cli {
namespace {

struct ApplyOptions_ {
  std::string file;
  bool prune = false;
  bool schema = false;
  MergeOptions merge;
};

// A progress bar on stderr, redrawn in place; only on a terminal and never with -q.
Progress progress_bar(const GlobalOptions& g) {
  if (g.quiet || !::isatty(STDERR_FILENO)) return {};
  return [](std::size_t done, std::size_t total) {
    if (done != total && done % 10 != 0) return;
    const int width = 30;
    const auto filled = static_cast<int>(width * done / (total ? total : 1));
    std::cerr << "\r  planning [" << std::string(filled, '#') << std::string(width - filled, ' ')
              << "] " << done << "/" << total << (done == total ? "\n" : "") << std::flush;
  };
}

int run_apply(const ApplyOptions_& o, const GlobalOptions& g, Streams io) {
  if (o.schema) {
    if (g.output == "yaml") throw UsageError("--schema prints a JSON Schema: use -o json or text");
    io.out << g.scaffolds().get("schemas/services.schema.json");
    return 0;
  }
  if (o.file.empty())
    throw UsageError("give the services file with -f FILE (its format: gitopsgen apply --schema)");
  return_freed_pages_at_once();  // thousands of files planned, written and freed in turn
  auto platform = open_platform(g);
  const auto source = input_name(o.file);
  const auto plan = plan_apply_services(platform.workspace, g.scaffolds(), platform.settings,
                                        read_input(o.file), source, o.prune, progress_bar(g),
                                        regeneration_options(o.merge, platform.git()));
  auto options = apply_options(g);
  if (options.message.empty()) options.message = plan.message;
  const auto result = apply_changes(platform.git(), platform.root, plan.changes, options);
  const auto files = result.written.size() + result.removed.size();
  // The summary and the JSON report only for the output that shows them: with 70,000 files
  // each is megabytes that -q never prints.
  std::string summary;
  if (!g.structured() && !g.dry_run && !g.quiet)
    summary = files == 0
                  ? "Nothing to change: " + std::to_string(plan.unchanged.size()) + " unchanged."
                  : with_commit(std::to_string(plan.added.size()) + " added, " +
                                    std::to_string(plan.updated.size()) + " updated, " +
                                    std::to_string(plan.removed.size()) + " removed, " +
                                    std::to_string(plan.unchanged.size()) +
                                    " unchanged: " + std::to_string(files) + " files",
                                result) +
                        outcome_lines(plan.files);
  auto extra = JsonValue::object();
  if (g.structured()) {
    auto services = JsonValue::object();
    services.add("added", JsonValue::strings(plan.added))
        .add("updated", JsonValue::strings(plan.updated))
        .add("removed", JsonValue::strings(plan.removed))
        .add("unchanged", JsonValue::strings(plan.unchanged));
    extra.add("source", source)
        .add("services", services)
        .add("secrets", secrets_value(plan.secrets))
        .add("regenerated", files_value(plan.files));
  }
  print_apply_result(g, io, "apply", result, summary, extra);
  return 0;
}

}  // namespace

Subcommand apply_command() {
  return {"apply", "Make the platform hold exactly the services a file lists, in one commit",
          [](CLI::App& app) {
            auto o = std::make_shared<ApplyOptions_>();
            app.add_option("-f,--file", o->file,
                           "Services file (YAML; format: --schema); - reads standard input")
                ->type_name("SERVICES.yaml");
            app.add_flag("--prune", o->prune, "Remove services the file does not list");
            app.add_flag("--schema", o->schema, "Print the JSON Schema of the services file");
            add_merge_options(app, o->merge);
            app.footer(
                "Examples:\n"
                "  gitopsgen apply -f services.yaml --dry-run\n"
                "  gitopsgen apply -f services.yaml --prune\n"
                "  generate-services | gitopsgen apply -f - --prune\n"
                "  gitopsgen apply --schema > services.schema.json\n");
            return [o](const GlobalOptions& g, Streams io) { return run_apply(*o, g, io); };
          },
          kWrites | kLocks | kScaffolds};
}

}  // namespace gitopsgen::cli
