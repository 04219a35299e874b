// Ordering image tags as versions, where they are versions.
#pragma once

#include <optional>
#include <string>

namespace gitopsgen {

// -1, 0 or 1 as version `a` is below, equal to or above `b` under Semantic Versioning 2.0
// precedence (an optional leading "v"; one to three numeric parts, missing ones 0; a pre-release
// below its release; build metadata ignored); nothing when either is no such version.
std::optional<int> compare_versions(const std::string& a, const std::string& b);

}  // namespace gitopsgen
