// `adopt`: a repository that follows the guide's layout but that gitopsgen did not write becomes a
// gitopsgen platform — its settings file and generation records, in one ChangeSet, every file
// left as it is.
#pragma once

#include <string>
#include <vector>

#include "generators/change/regeneration.hpp"
#include "generators/platform/scaffolds.hpp"
#include "generators/services/adopt_layout.hpp"

namespace gitopsgen {

// The change of one adopt run and what it found.
struct AdoptPlan {
  ChangeSet changes;
  PlatformSettings settings;
  AdoptFindings findings;
  std::vector<std::string> services;  // adopted, sorted
  FileReports files;                  // each service file and its outcome (adopted or unchanged)
  std::string message;                // the commit message, listing each fact and its source
};

// Reads the platform of `repo` (`given` laid over what its files say) and plans gitopsgen.yaml
// and a generation record per service whose base is what `scaffolds` make from the inferred
// answers, so that every difference of a file from it counts as a hand edit later merges keep;
// throws Error listing every fact it cannot infer (with the flag that gives it), or when `repo`
// is a gitopsgen platform already, with nothing planned.
AdoptPlan plan_adopt(const Workspace& repo, const ScaffoldSource& scaffolds,
                     const AdoptFacts& given, RegenerationOptions options);

}  // namespace gitopsgen
