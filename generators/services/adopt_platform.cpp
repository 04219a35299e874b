#include "generators/services/adopt_platform.hpp"

#include "generators/change/overlay_workspace.hpp"
#include "generators/error.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/adopt_services.hpp"
#include "generators/services/service_inventory.hpp"

namespace gitopsgen {

AdoptPlan plan_adopt(const Workspace& repo, const ScaffoldSource& scaffolds,
                     const AdoptFacts& given, RegenerationOptions options) {
  if (repo.read(kSettingsFile))
    throw Error(std::string(kSettingsFile) +
                " exists: this is a gitopsgen platform already (adopt is for a repository "
                "gitopsgen did not write; `gitopsgen upgrade` generates its files again)");
  AdoptPlan plan{ChangeSet(repo), {}, {}, {}, {}, {}};
  auto& findings = plan.findings;
  const auto layout = read_adopt_layout(repo, given, findings);
  plan.settings = layout.settings;
  std::vector<ServiceSpec> specs;
  if (!plan.settings.platform.empty()) {
    const auto values = read_adopted_values(repo, layout.instances, findings);
    if (values.size() == layout.instances.size()) {
      infer_service_settings(layout.instances, values, given, plan.settings, findings);
      specs = infer_service_specs(layout.instances, values, plan.settings, findings);
    }
  }
  if (findings.gaps.empty()) {
    try {
      validate_settings(plan.settings);
    } catch (const Error& e) {
      findings.gaps.push_back(std::string("settings: ") + e.what());
    }
  }
  if (!findings.gaps.empty()) {
    std::string message = std::to_string(findings.gaps.size()) +
                          (findings.gaps.size() == 1 ? " fact" : " facts") +
                          " of this platform cannot be read from its files; nothing was changed";
    for (const auto& gap : findings.gaps) message += "\n  " + gap;
    throw Error(message);
  }
  plan.changes.put(kSettingsFile, settings_to_yaml(plan.settings));
  const OverlayWorkspace view(repo, plan.changes);
  options.adopt = true;
  Regeneration regen(plan.changes, view, options);
  IngressRoutes routes(list_service_instances(view, plan.settings, /*with_ingress=*/true));
  for (const auto& spec : specs) {
    try {
      add_service_into(regen, view, scaffolds, plan.settings, spec, Overwrite::yes, routes);
    } catch (const Error& e) {
      throw Error("service " + spec.name + " cannot be adopted: " + e.what() +
                  "; nothing was changed");
    }
    plan.services.push_back(spec.name);
  }
  regen.finish();
  plan.files = regen.take_reports();
  plan.message = "chore: adopt platform " + plan.settings.platform + " (" +
                 std::to_string(plan.services.size()) + " services)\n\nRead from its files:\n";
  for (const auto& f : findings.facts)
    plan.message += "  " + f.setting + ": " + f.value + " (" + f.source + ")\n";
  return plan;
}

}  // namespace gitopsgen
