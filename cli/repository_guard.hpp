// Holding the repository for a command that changes it.
#pragma once

#include <optional>
#include <string>

#include "cli/app.hpp"
#include "generators/change/repo_lock.hpp"

namespace gitopsgen::cli {

// When -C's directory is in a repository: takes its lock (waiting up to --lock-timeout) and
// recovers any interrupted commit, saying so on `io.err`; refuses on a dry run that would need
// recovery. Nothing when there is no repository.
std::optional<RepoLock> guard_repository(const GlobalOptions& g, Streams io);

}  // namespace gitopsgen::cli
