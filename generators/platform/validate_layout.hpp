// validate's checks of how a platform's services reach Argo CD (settings `layout`).
#pragma once

#include <vector>

#include "generators/platform/argo_apps.hpp"
#include "generators/platform/findings.hpp"
#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// In the applicationset layout, that each environment's ApplicationSet file holds one, of this
// repository, whose git files generators take exactly that environment's value files: a value
// file none takes is a service Argo CD never deploys there, a file one takes that is no value file
// an Application nobody asked for. Reports into `findings`; nothing for other layouts.
void check_layout(const Workspace& repo, const PlatformSettings& settings,
                  const std::vector<AppSetRecord>& sets, Findings& findings);

}  // namespace gitopsgen
