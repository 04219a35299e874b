// `migrate`: restructuring an existing platform repository, each change one ChangeSet.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generators/change/regeneration.hpp"
#include "generators/changeset.hpp"
#include "generators/platform/scaffolds.hpp"
#include "generators/platform/settings.hpp"
#include "generators/services/add_service.hpp"

namespace gitopsgen {

// The change of one migration and what to tell the user about it.
struct MigratePlan {
  ChangeSet changes;
  std::string message;                     // the commit message
  std::string summary;                     // what it does, in one line
  std::vector<std::string> notes;          // what the user should know or do after the commit
  std::vector<SecretInstruction> secrets;  // add-env: secrets the new environment reads
};

// What `migrate rename-chart` asks for.
struct RenameChartRequest {
  std::string from;              // the directory under charts/ to rename
  std::string to;                // its new name, a DNS-1123 label
  bool keep_chart_name = false;  // leave Chart.yaml's `name:` (and so the selector labels) alone
};

// Moves charts/<from>/** to charts/<to>/** (Chart.yaml's name set to `to` unless kept) and points
// every Application source of this repository at the new path; when the chart is the platform's
// own, also renames the platform in gitopsgen.yaml, the AppProject (and every Application's
// spec.project) and the service Application files, keeping every Application's name; throws
// Error when charts/<from> is missing, charts/<to> exists or `to` is not a DNS-1123 label.
MigratePlan plan_rename_chart(const Workspace& repo, const PlatformSettings& settings,
                              const RenameChartRequest& request);

// Sets every Application source and AppProject sourceRepos entry naming this repository, and the
// settings, to `url`; throws Error when `url` is not a git URL or is already the URL.
MigratePlan plan_set_repo_url(const Workspace& repo, const PlatformSettings& settings,
                              const std::string& url);

// Sets the targetRevision of every Application source from this repository, and the settings,
// to `revision` (upstream charts keep their pinned versions); throws Error when `revision` is not
// a git revision or is already the revision.
MigratePlan plan_set_revision(const Workspace& repo, const PlatformSettings& settings,
                              const std::string& revision);

// What `migrate add-env` asks for.
struct AddEnvironmentRequest {
  std::string name;
  std::string from;                           // the environment to copy
  std::optional<std::string> namespace_name;  // default: the environment's name
  std::optional<std::string> after;           // its place in promotion order; default: `from`
};

// A new environment copied from an existing one: each service's value file and Application,
// the app-of-apps, the AppProject destination and the settings entry; throws Error on an
// existing or invalid name or namespace, or an unknown `from` or `after`.
MigratePlan plan_add_environment(const Workspace& repo, const ScaffoldSource& scaffolds,
                                 const PlatformSettings& settings,
                                 const AddEnvironmentRequest& request);

// Moves the platform toward `target` (app-of-apps or applicationset) by generating every file
// anew in that layout, as `upgrade` does, in the steps that keep Argo CD from deleting a running
// workload: from app-of-apps with services, a first commit marks their Applications Prune=false
// (the handover layout) and a second, once Argo CD has synced it, replaces them with the
// ApplicationSets; back to app-of-apps is one commit. Throws Error when the platform has the
// layout already, a file has no generation record, a hand edit stands in the way, or (back from
// applicationset) an app-of-apps does not prune with PrunePropagationPolicy=orphan.
MigratePlan plan_migrate_layout(const Workspace& repo, const ScaffoldSource& scaffolds,
                                const PlatformSettings& settings, Layout target,
                                const RegenerationOptions& options);

}  // namespace gitopsgen
