// `gitopsgen upgrade`: every generated file rendered anew from the current templates, merged
// with the hand edits made since, in one commit.
#include "cli/app.hpp"
#include "cli/merge_flags.hpp"
#include "cli/output.hpp"
#include "cli/platform_context.hpp"
#include "generators/services/upgrade_platform.hpp"

namespace gitopsgen::cli {
namespace {

int run_upgrade(const MergeOptions& merge, const GlobalOptions& g, Streams io) {
  auto platform = open_platform(g);
  const auto plan = plan_upgrade(platform.workspace, g.scaffolds(), platform.settings,
                                 regeneration_options(merge, platform.git()));
  auto options = apply_options(g);
  if (options.message.empty()) options.message = plan.message;
  const auto result = apply_changes(platform.git(), platform.root, plan.changes, options);
  std::size_t unchanged = 0;
  for (const auto& f : plan.files) unchanged += f.outcome == FileOutcome::unchanged;
  std::string summary;
  if (!g.quiet && !g.structured())
    for (const auto& f : plan.files)
      if (f.outcome != FileOutcome::unchanged)
        io.out << "  " << outcome_name(f.outcome) << "  " << f.path << "\n";
  const auto changed = plan.files.size() - unchanged;
  summary = changed == 0 && !g.dry_run ? "Nothing to change: " + std::to_string(unchanged) +
                                             " generated files are as the templates make them."
                                       : with_commit(std::to_string(changed) + " files upgraded, " +
                                                         std::to_string(unchanged) + " unchanged",
                                                     result);
  if (!plan.unrecorded.empty())
    summary += "\nNot upgraded, no generation record (gitopsgen cannot tell their inputs): " +
               join(plan.unrecorded, ", ");
  auto extra = JsonValue::object();
  extra.add("templates", g.scaffolds().origin())
      .add("regenerated", files_value(plan.files))
      .add("unchanged", static_cast<std::int64_t>(unchanged))
      .add("unrecorded", JsonValue::strings(plan.unrecorded));
  print_apply_result(g, io, "upgrade", result, summary, extra);
  return 0;
}

}  // namespace

Subcommand upgrade_command() {
  return {"upgrade",
          "Generate every file again from the current templates, keeping hand edits, in one "
          "commit",
          [](CLI::App& app) {
            auto merge = std::make_shared<MergeOptions>();
            add_merge_options(app, *merge);
            app.footer(
                "Each file is merged three ways: from what gitopsgen last generated (its "
                "generation record) to the new output, into the file as it is. A line changed "
                "both by hand and by the templates is refused, with nothing written.\n\n"
                "Examples:\n"
                "  gitopsgen upgrade --dry-run\n"
                "  gitopsgen upgrade --scaffolds ../org-templates\n"
                "  gitopsgen upgrade --keep-file charts/shop/templates/deployment.yaml\n");
            return
                [merge](const GlobalOptions& g, Streams io) { return run_upgrade(*merge, g, io); };
          },
          kWrites | kLocks | kScaffolds};
}

}  // namespace gitopsgen::cli
