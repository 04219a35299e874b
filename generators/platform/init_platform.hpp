// `init`: the whole platform repository of the guide, as one ChangeSet.
#pragma once

#include <string>
#include <vector>

#include "generators/change/regeneration.hpp"
#include "generators/changeset.hpp"
#include "generators/platform/scaffolds.hpp"
#include "generators/platform/settings.hpp"

namespace gitopsgen {

// What the user asked `init` for.
struct InitRequest {
  PlatformSettings settings;
  std::vector<std::string> trust_anchor_lines;  // from parse_trust_anchor; empty: none given
  Overwrite overwrite = Overwrite::no;
  RegenerationOptions regeneration;  // where bases come from, how conflicts are settled
};

// The scaffold of an environment's AppProject, rendered once per environment.
// The scaffold of each environment's ApplicationSet in the applicationset layout.
inline constexpr const char* kApplicationSetScaffold =
    "platform/applications/applicationset.yaml.mustache";

inline constexpr const char* kEnvironmentProjectScaffold =
    "platform/applications/env-project.yaml.mustache";

// Where the AppProject of environment `env` lives:
// applications/infrastructure/00-project-<env>.yaml.
std::string environment_project_path(const std::string& env);

// True when `repo` already holds a platform (settings file, applications/ or bootstrap/).
bool holds_platform(const Workspace& repo);

// Throws Error when `repo` holds a platform and `overwrite` is Overwrite::no.
void require_no_platform(const Workspace& repo, Overwrite overwrite);

// The change that scaffolds the platform of `request` into `repo` from `scaffolds`; over an
// existing platform (Overwrite::yes) every file is merged three ways with its hand edits and a
// file no template makes any more is removed unless edited. Throws Error on invalid settings, on
// an existing platform without Overwrite::yes, on a file that cannot be merged, and when a
// generated file fails to read back.
ChangeSet plan_init(const Workspace& repo, const ScaffoldSource& scaffolds,
                    const InitRequest& request);

// Writes the platform's own files (chart, infrastructure, Applications, settings) for `request`
// through `regen`, under the platform's record.
void write_platform_files(Regeneration& regen, const ScaffoldSource& scaffolds,
                          const InitRequest& request);

// The trust-anchor lines the platform's Linkerd certificates file holds, or none.
std::vector<std::string> recorded_trust_anchor(const Workspace& repo);

// The conventional-commit message of `init`.
std::string init_commit_message(const PlatformSettings& settings);

}  // namespace gitopsgen
