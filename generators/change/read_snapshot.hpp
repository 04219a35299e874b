// What a read-only command reads when a gitopsgen run was interrupted or is still running.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "generators/change/crash_recovery.hpp"
#include "generators/git/git_repo.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// The files a read-only command should read, and the one line that tells the user why.
struct ReadSnapshot {
  std::unique_ptr<Workspace> head_tree;  // HEAD's tree to read instead of the disk, or null
  std::string note;                      // one line for stderr; empty when nothing was pending
  RecoveryResult recovered;              // what was recovered before reading the disk
};

// The one line that says what recovering an interrupted run did ("recovered an interrupted
// run: undid its change to 3 file(s)").
std::string recovery_note(const RecoveryResult& done);

// When `repo` holds no journal: the disk, no note. When it does and the repository lock is free
// (taken without waiting): recovers the run, then the disk, with recovery_note. When the lock is
// held by another run, or recovery refuses: HEAD's tree, with a note naming HEAD's short id.
// Throws Error when there is neither a consistent disk nor a HEAD commit to read.
ReadSnapshot open_for_reading(GitRepo& repo, std::chrono::milliseconds index_lock_timeout);

}  // namespace gitopsgen
