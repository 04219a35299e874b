// Unified diffs of a ChangeSet, as `--dry-run` prints them.
#pragma once

#include <string>

#include "generators/changeset.hpp"

namespace gitopsgen {

// The git-style unified diff of every change in `changes`, with 3 lines of context.
std::string unified_diff(const ChangeSet& changes);

}  // namespace gitopsgen
