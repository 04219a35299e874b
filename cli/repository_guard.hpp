// Holding the repository for a command that changes it.
#pragma once

#include <optional>
#include <string>

#include "cli/app.hpp"
#include "generators/change/crash_recovery.hpp"
#include "generators/change/repo_lock.hpp"

namespace gitopsgen::cli {

// When -C's directory is in a repository: takes its lock (waiting up to --lock-timeout) and
// recovers any interrupted commit, saying so on `io.err` when `announce` (recover says it itself);
// refuses on a dry run that would need recovery. Nothing when there is no repository.
std::optional<RepoLock> guard_repository(const GlobalOptions& g, Streams io, bool announce = true);

// What guard_repository recovered in this process: Outcome::nothing until it recovers a run.
RecoveryResult last_recovery();

}  // namespace gitopsgen::cli
