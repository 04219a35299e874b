// `validate`: checks a platform repository without a cluster.
#pragma once

#include <filesystem>
#include <optional>

#include "generators/platform/findings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// How deep `validate_platform` goes.
struct ValidateOptions {
  // When set, the chart is rendered with this Helm binary for every service value file.
  std::optional<std::filesystem::path> helm;
};

// The findings on the platform in `repo` (rooted at `root` on disk, where Helm runs): YAML that
// does not parse, Applications whose chart or value files are missing, Applications that the
// root → app-of-apps hierarchy does not reach, names that are not DNS-1123 labels, private keys,
// the Linkerd trust-anchor gap; plus Helm render failures when asked.
Findings validate_platform(const Workspace& repo, const std::filesystem::path& root,
                           const ValidateOptions& options);

}  // namespace gitopsgen
