// `validate --render`: the real `helm template` over the chart and every service value file.
#pragma once

#include <filesystem>
#include <vector>

#include "generators/platform/argo_apps.hpp"
#include "generators/platform/findings.hpp"
#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// Renders the platform chart under `root` (whose files `repo` reads) with its defaults and once
// per Application that deploys it with value files, adding a finding for each render that fails
// (Helm's whole reason as its detail, at the value file that sets the value Helm names when one
// does) or yields bad YAML.
void render_with_helm(const Workspace& repo, const std::filesystem::path& helm,
                      const std::filesystem::path& root, const PlatformSettings& settings,
                      const std::vector<AppRecord>& apps, Findings& findings);

}  // namespace gitopsgen
