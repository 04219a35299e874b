#include "generators/change/repo_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "generators/error.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kPoll = std::chrono::milliseconds(25);

std::string seconds(std::chrono::milliseconds ms) {
  const auto tenths = ms.count() / 100;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") +
         " s";
}

}  // namespace

RepoLock RepoLock::acquire(const fs::path& git_dir, std::chrono::milliseconds timeout) {
  const fs::path path = git_dir / "gitopsgen.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw Error("cannot open " + path.string() + ": " + std::strerror(errno));
  RepoLock lock(fd);
  const auto start = Clock::now();
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR)
      throw Error("cannot lock " + path.string() + ": " + std::strerror(errno));
    if (Clock::now() - start >= timeout)
      throw Error("another gitopsgen run holds " + path.string() + " (waited " + seconds(timeout) +
                  "; raise --lock-timeout to wait longer)");
    std::this_thread::sleep_for(kPoll);
  }
  return lock;
}

RepoLock::~RepoLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

void wait_for_index_lock(const fs::path& git_dir, std::chrono::milliseconds timeout,
                         std::chrono::milliseconds told) {
  const fs::path index_lock = git_dir / "index.lock";
  const auto start = Clock::now();
  std::error_code ec;
  while (fs::exists(index_lock, ec)) {
    if (Clock::now() - start >= timeout)
      throw Error("git's " + index_lock.string() + " exists (waited " +
                  seconds(told.count() > 0 ? told : timeout) +
                  "): another git process is running; if none is, remove that file");
    std::this_thread::sleep_for(kPoll);
  }
}

}  // namespace gitopsgen
