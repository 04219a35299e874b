// Finding the user's uncommitted work that a change would overwrite.
#pragma once

#include <string>
#include <vector>

#include "generators/changeset.hpp"
#include "generators/git_repo.hpp"

namespace gitopsgen {

// The paths of `changes` whose work-tree file or index entry differs from HEAD (modified, staged,
// deleted, or untracked where the change writes), in the change's order.
std::vector<std::string> uncommitted_paths(GitRepo& repo, const ChangeSet& changes);

}  // namespace gitopsgen
