// `upgrade`: every file gitopsgen generated, rendered anew from the current templates and merged
// three ways with the hand edits made since, in one ChangeSet.
#pragma once

#include <string>
#include <vector>

#include "generators/change/regeneration.hpp"
#include "generators/platform/scaffolds.hpp"
#include "generators/platform/settings.hpp"

namespace gitopsgen {

// The change of one upgrade run and what it did to each file.
struct UpgradePlan {
  ChangeSet changes;
  FileReports files;  // every generated file's outcome
  // The owners with files but no generation record ("platform", or a service's name): gitopsgen
  // cannot tell their inputs, so they are left as they are.
  std::vector<std::string> unrecorded;
  std::string message;  // the commit message
};

// Renders the platform's files (when recorded) and every recorded service's files from
// `scaffolds` with their recorded inputs (a service keeps its image tags) and merges each with
// the file as it is; throws Error listing every file that cannot be merged, with nothing planned.
UpgradePlan plan_upgrade(const Workspace& repo, const ScaffoldSource& scaffolds,
                         const PlatformSettings& settings, const RegenerationOptions& options);

}  // namespace gitopsgen
