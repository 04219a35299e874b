// Finding the user's uncommitted work that a change would overwrite.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generators/changeset.hpp"
#include "generators/git/git_repo.hpp"

namespace gitopsgen {

// How the files a change overwrites stand against HEAD.
struct LocalChanges {
  // The paths whose work-tree file or index entry differs from HEAD (modified, staged, deleted,
  // or untracked where the change writes), in the change's order.
  std::vector<std::string> uncommitted;
  // For each change, in order: the blob of HEAD that its old bytes are exactly, when they are.
  std::vector<std::optional<git_oid>> committed_old;
};

// Compares every file `changes` overwrites with HEAD and the index.
LocalChanges local_changes(GitRepo& repo, const ChangeSet& changes);

}  // namespace gitopsgen
