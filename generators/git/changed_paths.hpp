// What a pull request changed: the paths that differ between a revision and the work tree.
#pragma once

#include <set>
#include <string>

#include "generators/git/git_repo.hpp"

namespace gitopsgen {

// Every path that differs between the tree of `revision` (anything `git rev-parse` takes: a
// branch, a tag, `origin/main`, a commit id) and the work tree with the index — modified, added,
// deleted, renamed (both names) or untracked and not ignored; throws Error when `revision` names
// no commit.
std::set<std::string> paths_changed_since(const GitRepo& repo, const std::string& revision);

}  // namespace gitopsgen
