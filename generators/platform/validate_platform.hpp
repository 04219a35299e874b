// `validate`: checks a platform repository without a cluster.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "generators/platform/findings.hpp"
#include "generators/platform/helm_render.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// How deep `validate_platform` goes.
struct ValidateOptions {
  // When set, the chart is rendered with this Helm binary for every service value file.
  std::optional<std::filesystem::path> helm;
  // With helm: the paths changed since a revision; only the renders that read one run.
  std::optional<std::set<std::string>> changed;
  // With helm, when set: how many renders ran and how many were skipped.
  RenderCounts* counts = nullptr;
};

// The findings on the platform in `repo` (rooted at `root` on disk, where Helm runs): YAML that
// does not parse, Applications whose chart or value files are missing, Applications that the
// root → app-of-apps hierarchy does not reach, names that are not DNS-1123 labels, private keys,
// the Linkerd trust-anchor gap; plus Helm render failures when asked.
Findings validate_platform(const Workspace& repo, const std::filesystem::path& root,
                           const ValidateOptions& options);

}  // namespace gitopsgen
