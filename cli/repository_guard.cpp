#include "cli/repository_guard.hpp"

#include <chrono>
#include <ostream>

#include "cli/platform_context.hpp"
#include "generators/change/crash_recovery.hpp"
#include "generators/change/read_snapshot.hpp"
#include "generators/error.hpp"

namespace gitopsgen::cli {
namespace {

RecoveryResult recovered;  // what this process's guard recovered (one guard per process)

}  // namespace

RecoveryResult last_recovery() {
  return recovered;
}

std::optional<RepoLock> guard_repository(const GlobalOptions& g, Streams io, bool announce) {
  auto repo = open_repository(g).first;
  if (!repo) return std::nullopt;
  const auto timeout = std::chrono::milliseconds(static_cast<long>(g.lock_timeout * 1000));
  const auto start = std::chrono::steady_clock::now();
  const auto left = [&] {
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    return spent < timeout ? timeout - spent : std::chrono::milliseconds(0);
  };
  const auto git_dir = git_repository_path(repo->raw());
  auto lock = RepoLock::acquire(git_dir, timeout);
  // A killed run may have left index.lock behind: recovery removes it before waiting for git's.
  if (has_interrupted_commit(*repo)) {
    if (g.dry_run)
      throw Error("an interrupted gitopsgen run must be recovered first: run 'gitopsgen recover'");
    const auto done = recover_interrupted_commit(*repo, left());
    recovered = done;
    if (announce && !g.quiet) io.err << "gitopsgen: " << recovery_note(done) << "\n";
  }
  // The message names the --lock-timeout given, not what the steps before left of it.
  wait_for_index_lock(git_dir, left(), timeout);
  return lock;
}

}  // namespace gitopsgen::cli
