// `add-service` and `remove-service`: a service's value files and Applications, one ChangeSet.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "generators/change/regeneration.hpp"
#include "generators/changeset.hpp"
#include "generators/platform/scaffolds.hpp"
#include "generators/platform/settings.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/service_spec.hpp"
#include "generators/services/service_values.hpp"

namespace gitopsgen {

// A secret the user must create in AWS Secrets Manager: its name, region and JSON keys.
struct SecretInstruction {
  std::string object_name;
  std::string region;
  std::vector<std::string> keys;
  std::string role_arn;  // the IAM role that reads it; empty when the value file names none
};

// The change of one add-service or remove-service run and what to tell the user about it.
struct ServicePlan {
  ChangeSet changes;
  std::vector<std::string> envs;  // the environments touched, in platform order
  std::vector<SecretInstruction> secrets;
  std::string message;   // the commit message
  bool updated = false;  // an existing service was updated in place
  FileReports files;     // what happened to each generated file
  std::string language;  // the service's language (given, or recorded)
};

// The files that onboard `spec` into `repo`'s platform (`settings`) for each chosen environment;
// throws Error on invalid input, an existing service (unless Overwrite::yes, which regenerates
// it from its recorded inputs with the fields `spec` sets laid over them, keeps its image tags
// unless a tag is given, and merges every hand edit in three ways), an ingress route another
// service holds, a file that cannot be merged, or a generated file that does not read back.
ServicePlan plan_add_service(const Workspace& repo, const ScaffoldSource& scaffolds,
                             const PlatformSettings& settings, const ServiceSpec& spec,
                             Overwrite overwrite, const RegenerationOptions& options = {});

// What adding one service into a larger change did.
struct ServiceAddition {
  std::vector<std::string> envs;
  std::vector<SecretInstruction> secrets;
  bool updated = false;
};

// One environment's files of a service: its value file and its Application.
struct ServiceFiles {
  std::string values;
  std::string app;
};

// Files rendered ahead of add_service_into, by value-file path, each with the resolution it was
// rendered from.
using RenderedAhead = std::unordered_map<std::string, std::pair<ResolvedService, ServiceFiles>>;

// Writes `spec`'s files through `regen` as plan_add_service would (and records `spec` as the
// service's inputs), reading the repository through `view` (the base with regen's changes applied)
// and checking ingress routes against `routes`, in which the new service's routes replace its old
// ones: one inventory serves a whole batch. Files in `ahead` rendered from the very resolution this
// call makes are taken (moved out of `ahead`) instead of rendered again.
ServiceAddition add_service_into(Regeneration& regen, const Workspace& view,
                                 const ScaffoldSource& scaffolds, const PlatformSettings& settings,
                                 const ServiceSpec& spec, Overwrite overwrite,
                                 IngressRoutes& routes, RenderedAhead* ahead = nullptr);

// `spec`'s files for each environment it selects, rendered from the templates `values_template`
// and `app_template` and read back, as add_service_into makes them for a service not yet on the
// platform; an environment whose files cannot be made is left out (add_service_into then reports
// why). Reads and changes nothing shared, so many run at once on other threads.
RenderedAhead render_new_service_ahead(const PlatformSettings& settings, const ServiceSpec& spec,
                                       const std::string& values_template,
                                       const std::string& app_template);

// The removal of exactly the files add-service writes for `service` in `envs` (empty: all), with
// their generation record entries and, once the service leaves its last environment, its own IAM
// role pattern in the settings; throws Error when the service has none of them.
ServicePlan plan_remove_service(const Workspace& repo, const PlatformSettings& settings,
                                const std::string& service, const std::vector<std::string>& envs);

// The digest of the service templates `values_template` and `app_template`, for the record.
std::string service_templates_digest(const std::string& values_template,
                                     const std::string& app_template);

// The environments named in `requested` (empty: all), in platform order; throws Error on an
// unknown or repeated one.
std::vector<Environment> select_environments(const PlatformSettings& settings,
                                             const std::vector<std::string>& requested);

}  // namespace gitopsgen
