// `validate --render`: the real `helm template` over the chart and every service value file.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "generators/platform/argo_apps.hpp"
#include "generators/platform/findings.hpp"
#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// How many renders a run made, and how many it skipped as unchanged.
struct RenderCounts {
  std::size_t rendered = 0;
  std::size_t skipped = 0;
};

// Renders the platform chart under `root` (whose files `repo` reads) with its defaults and once
// per Application that deploys it with value files, on every core (parallel_threads), adding a
// finding for each render that fails (Helm's whole reason as its detail, at the value file that
// sets the value Helm names when one does) or yields bad YAML, in the order of one thread. With
// `changed` (the paths changed since a revision) only the renders that read one run: every render
// when the chart changed (any file of it no Application names as a value file), else each
// Application whose file or value files changed.
RenderCounts render_with_helm(const Workspace& repo, const std::filesystem::path& helm,
                              const std::filesystem::path& root, const PlatformSettings& settings,
                              const std::vector<AppRecord>& apps, Findings& findings,
                              const std::set<std::string>* changed = nullptr);

}  // namespace gitopsgen
