// `migrate layout`: between an Application file per service and environment and one
// ApplicationSet per environment, without Argo CD deleting a running workload on the way.
#include "generators/error.hpp"
#include "generators/migrate/migrate.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/upgrade_platform.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

constexpr const char* kOrphanOption = "PrunePropagationPolicy=orphan";

// Throws Error naming the first app-of-apps file whose sync options lack the orphan propagation:
// pruning the ApplicationSet under it would let Kubernetes delete every Application it owns.
void require_orphan_propagation(const Workspace& repo, const PlatformSettings& settings) {
  for (const auto& env : settings.environments) {
    const auto path = "applications/app-of-apps-" + env.name + ".yaml";
    bool found = false;
    if (const auto text = repo.read(path)) {
      try {
        const auto options =
            yaml_at(yaml_load_guarded(*text, path), {"spec", "syncPolicy", "syncOptions"});
        if (options.IsSequence())
          for (const auto& o : options) found |= o.IsScalar() && o.Scalar() == kOrphanOption;
      } catch (const YAML::Exception&) {
      } catch (const YamlRefused&) {
      }
    }
    if (!found)
      throw Error(path + " does not prune with " + kOrphanOption +
                  ": removing the ApplicationSet would delete its Applications and their "
                  "workloads; run `gitopsgen upgrade`, let Argo CD sync it, then migrate");
  }
}

}  // namespace

MigratePlan plan_migrate_layout(const Workspace& repo, const ScaffoldSource& scaffolds,
                                const PlatformSettings& settings, Layout target,
                                const RegenerationOptions& options) {
  if (target == Layout::handover)
    throw UsageError("the layout to migrate to is app-of-apps or applicationset");
  const bool to_set = target == Layout::applicationset;
  if (settings.layout == target)
    throw Error(std::string("the platform already has the ") + layout_name(target) + " layout");
  auto next = settings;
  std::size_t files = 0;
  for (const auto& i : list_service_instances(repo, settings))
    files += repo.read(application_path(settings, i.service, i.env)) ? 1 : 0;
  if (to_set)
    // Application files still deployed by an app-of-apps are first marked Prune=false, in a
    // commit Argo CD must have synced before the files go: only then can their removal not
    // cascade (their finalizer) while the ApplicationSet adopts them.
    next.layout = settings.layout == Layout::app_of_apps && files > 0 ? Layout::handover
                                                                      : Layout::applicationset;
  else {
    if (settings.layout == Layout::applicationset) require_orphan_propagation(repo, settings);
    next.layout = Layout::app_of_apps;
  }
  auto upgrade = plan_upgrade(repo, scaffolds, next, options);
  if (!upgrade.unrecorded.empty()) {
    std::string names;
    for (const auto& n : upgrade.unrecorded) names += (names.empty() ? "" : ", ") + n;
    throw Error("migrate layout generates every file anew, and " + names + " ha" +
                (upgrade.unrecorded.size() == 1 ? "s" : "ve") +
                " no generation record to generate from (an adopted platform, or files written "
                "by hand); nothing was changed");
  }
  MigratePlan plan{std::move(upgrade.changes), {}, {}, {}, {}};
  const std::string counted = std::to_string(files) + " Application file" + (files == 1 ? "" : "s");
  if (next.layout == Layout::handover) {
    plan.summary = "Commit 1 of 2: " + counted +
                   " marked Prune=false, so the ApplicationSets can take them over";
    plan.message =
        "chore: prepare the applicationset layout (1 of 2)\n\n"
        "Marks every service Application Prune=false, so that removing its file in the next\n"
        "commit cannot delete it (nor, through its finalizer, its workloads) before its\n"
        "environment's ApplicationSet adopts it.\n";
    plan.notes.push_back(
        "Push, and once Argo CD has synced this commit (every service Application carries "
        "argocd.argoproj.io/sync-options: Prune=false), run `gitopsgen migrate layout "
        "applicationset` again: it replaces the Application files with the ApplicationSets.");
  } else if (to_set) {
    plan.summary = "One ApplicationSet per environment replaces " + counted;
    plan.message = "chore: move the services to one ApplicationSet per environment\n\n" + counted +
                   " give way to the ApplicationSets, which adopt their Applications by name.\n";
    plan.notes.push_back(
        "Argo CD's ApplicationSet controller adopts each existing Application of the same name; "
        "app-of-apps-<env> leaves them be, marked Prune=false, until it does.");
  } else {
    plan.summary = settings.layout == Layout::handover
                       ? "Back to the app-of-apps layout: the Prune=false marks are removed"
                       : "An Application file per service and environment replaces the "
                         "ApplicationSets";
    plan.message =
        std::string("chore: move the services back to an Application file each\n\n") +
        (settings.layout == Layout::handover
             ? "Undoes the first commit of the applicationset migration.\n"
             : "app-of-apps-<env> prunes each ApplicationSet with PrunePropagationPolicy=orphan,\n"
               "so its Applications stay, and the new files take them over.\n");
  }
  return plan;
}

}  // namespace gitopsgen
