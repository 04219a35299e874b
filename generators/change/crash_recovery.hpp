// Finishing or undoing a commit that a killed gitopsgen run left half-done.
#pragma once

#include <chrono>
#include <cstddef>

#include "generators/git/git_repo.hpp"

namespace gitopsgen {

// What recovery did to the work tree and index.
struct RecoveryResult {
  enum class Outcome { nothing, rolled_back, rolled_forward };
  Outcome outcome = Outcome::nothing;
  std::size_t files = 0;  // files of the interrupted change, each now as the outcome says
};

// When `repo` holds the journal of an interrupted commit: removes the locks the killed run left,
// waits up to `index_lock_timeout` for any other git process's index.lock, then brings the
// journal's files and index entries to the new commit if its branch reached it, otherwise back to
// the commit before, and removes the run's temporary files and the journal. Throws Error
// (changing nothing) when the branch has since moved somewhere else or index.lock stays.
RecoveryResult recover_interrupted_commit(GitRepo& repo,
                                          std::chrono::milliseconds index_lock_timeout);

// True when `repo` holds the journal of an interrupted commit.
bool has_interrupted_commit(const GitRepo& repo);

}  // namespace gitopsgen
