#include "generators/change/read_snapshot.hpp"

#include <filesystem>

#include "generators/change/git_tree_workspace.hpp"
#include "generators/change/repo_lock.hpp"
#include "generators/error.hpp"

namespace gitopsgen {
namespace {

std::string short_id(const git_oid& id) {
  char buf[8] = {};
  git_oid_tostr(buf, sizeof buf, &id);
  return buf;
}

// HEAD's tree, with `why` and where it reads; throws Error when HEAD is unborn.
ReadSnapshot read_head(GitRepo& repo, const std::string& why) {
  const auto head = repo.head_commit();
  if (!head) throw Error(why + ", and there is no commit to read yet");
  ReadSnapshot snapshot;
  snapshot.head_tree = std::make_unique<GitTreeWorkspace>(repo.raw(), *head);
  snapshot.note = why + "; reading HEAD " + short_id(*head);
  return snapshot;
}

}  // namespace

std::string recovery_note(const RecoveryResult& done) {
  return std::string("recovered an interrupted run: ") +
         (done.outcome == RecoveryResult::Outcome::rolled_forward ? "finished" : "undid") +
         " its change to " + std::to_string(done.files) + " file(s)";
}

ReadSnapshot open_for_reading(GitRepo& repo, std::chrono::milliseconds index_lock_timeout) {
  if (!has_interrupted_commit(repo)) return {};
  const std::filesystem::path git_dir = git_repository_path(repo.raw());
  std::optional<RepoLock> lock;
  try {
    lock.emplace(RepoLock::acquire(git_dir, std::chrono::milliseconds(0)));
  } catch (const Error&) {
    return read_head(repo, "another gitopsgen run is in progress");
  }
  RecoveryResult done;
  try {
    done = recover_interrupted_commit(repo, index_lock_timeout);
  } catch (const Error& e) {
    return read_head(repo,
                     std::string("an interrupted run could not be recovered (") + e.what() + ")");
  }
  // Recovery may have moved HEAD's branch forward: read what it now names.
  auto reopened = GitRepo::discover(repo.workdir());
  if (reopened) repo = std::move(*reopened);
  ReadSnapshot snapshot;
  snapshot.recovered = done;
  snapshot.note = recovery_note(done);
  return snapshot;
}

}  // namespace gitopsgen
