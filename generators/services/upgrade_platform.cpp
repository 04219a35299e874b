#include "generators/services/upgrade_platform.hpp"

#include <map>
#include <set>

#include "generators/change/overlay_workspace.hpp"
#include "generators/platform/init_platform.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"

namespace gitopsgen {

UpgradePlan plan_upgrade(const Workspace& repo, const ScaffoldSource& scaffolds,
                         const PlatformSettings& settings, const RegenerationOptions& options) {
  UpgradePlan plan{ChangeSet(repo), {}, {}, {}};
  const OverlayWorkspace view(repo, plan.changes);
  Regeneration regen(plan.changes, view, options);
  if (regen.recorded(kPlatformRecord)) {
    InitRequest request{settings, recorded_trust_anchor(repo), Overwrite::yes, options};
    write_platform_files(regen, scaffolds, request);
    regen.retire_unwritten(kPlatformRecord);
  } else {
    plan.unrecorded.push_back(kPlatformRecord);
  }
  const auto instances = list_service_instances(repo, settings, /*with_ingress=*/true);
  std::set<std::string> services;
  for (const auto& i : instances) services.insert(i.service);
  IngressRoutes routes(instances);
  for (const auto& name : services) {
    const auto owner = service_record_owner(name);
    const auto* record = regen.recorded(owner);
    if (!record || record->inputs.empty()) {
      plan.unrecorded.push_back(name);
      continue;
    }
    const auto spec = spec_from_inputs(record->inputs, record_path(owner));
    add_service_into(regen, view, scaffolds, settings, spec, Overwrite::yes, routes);
    regen.retire_unwritten(owner);
  }
  regen.finish();
  plan.files = regen.take_reports();
  std::map<FileOutcome, std::size_t> counts;
  for (const auto& f : plan.files) ++counts[f.outcome];
  std::string tally;
  for (const auto outcome : {FileOutcome::updated, FileOutcome::merged, FileOutcome::created,
                             FileOutcome::removed, FileOutcome::kept})
    if (counts[outcome])
      tally += (tally.empty() ? "" : ", ") + std::to_string(counts[outcome]) + " " +
               outcome_name(outcome);
  plan.message = "chore: upgrade generated files to the current templates" +
                 (tally.empty() ? std::string() : " (" + tally + ")") +
                 "\n\nTemplates: " + scaffolds.origin() + "\n";
  return plan;
}

}  // namespace gitopsgen
