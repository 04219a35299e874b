// Serializing gitopsgen runs on one repository, and waiting for git's own index.lock.
#pragma once

#include <chrono>
#include <filesystem>

namespace gitopsgen {

// An exclusive hold on a repository for one gitopsgen run; released when destroyed or when the
// process dies (an advisory flock, so a killed run never leaves a stale lock behind).
class RepoLock {
 public:
  // Takes `<git_dir>/gitopsgen.lock`, waiting at most `timeout` for another gitopsgen run to
  // release it; throws Error when it stays held.
  static RepoLock acquire(const std::filesystem::path& git_dir, std::chrono::milliseconds timeout);
  RepoLock(RepoLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  RepoLock& operator=(RepoLock&&) = delete;
  RepoLock(const RepoLock&) = delete;
  ~RepoLock();

 private:
  explicit RepoLock(int fd) : fd_(fd) {}
  int fd_;
};

// Waits up to `timeout` for `<git_dir>/index.lock` to disappear; throws Error naming `told` (the
// whole wait the user allowed, of which `timeout` is what is left; `timeout` itself when zero)
// when it stays.
void wait_for_index_lock(const std::filesystem::path& git_dir, std::chrono::milliseconds timeout,
                         std::chrono::milliseconds told = std::chrono::milliseconds(0));

}  // namespace gitopsgen
