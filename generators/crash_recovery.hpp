// Finishing or undoing a commit that a killed gitopsgen run left half-done.
#pragma once

#include <cstddef>

#include "generators/git_repo.hpp"

namespace gitopsgen {

// What recovery did to the work tree and index.
struct RecoveryResult {
  enum class Outcome { nothing, rolled_back, rolled_forward };
  Outcome outcome = Outcome::nothing;
  std::size_t files = 0;  // files of the interrupted change, each now as the outcome says
};

// When `repo` holds the journal of an interrupted commit: if its branch reached the new commit,
// brings the journal's files and index entries to it, otherwise back to the commit before; removes
// the run's temporary files and stale locks, then the journal. Throws Error (changing nothing)
// when the branch has since moved somewhere else.
RecoveryResult recover_interrupted_commit(GitRepo& repo);

// True when `repo` holds the journal of an interrupted commit.
bool has_interrupted_commit(const GitRepo& repo);

}  // namespace gitopsgen
