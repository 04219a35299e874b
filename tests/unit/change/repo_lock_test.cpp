#include "generators/change/repo_lock.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "generators/error.hpp"
#include "tests/unit/test_support.hpp"

using namespace gitopsgen;
using test::TempDir;
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

// The error `wait` throws, or "" when it returns.
template <typename Wait>
std::string message_of(Wait wait) {
  try {
    wait();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string lock_message(const fs::path& dir, milliseconds timeout) {
  return message_of([&] { RepoLock::acquire(dir, timeout); });
}

std::string index_lock_message(const fs::path& dir, milliseconds timeout) {
  return message_of([&] { wait_for_index_lock(dir, timeout); });
}

}  // namespace

TEST_CASE("a second hold on the same repository waits, then fails with one line") {
  TempDir dir;
  {
    auto first = RepoLock::acquire(dir.path, milliseconds(100));
    // flock locks belong to an open file: a second acquisition conflicts even in one process.
    const auto message = lock_message(dir.path, milliseconds(200));
    CHECK(message.find("another gitopsgen run holds") != std::string::npos);
    CHECK(message.find("0.2 s") != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
  }
  CHECK(lock_message(dir.path, milliseconds(100)).empty());  // released with the first
}

TEST_CASE("git's index.lock is waited for") {
  TempDir dir;
  std::ofstream(dir.path / "index.lock") << "";
  CHECK(lock_message(dir.path, milliseconds(100)).empty());  // the run's own lock ignores it
  const auto message = index_lock_message(dir.path, milliseconds(150));
  CHECK(message.find("index.lock exists") != std::string::npos);
  CHECK(message.find("0.1 s") != std::string::npos);
  fs::remove(dir.path / "index.lock");
  CHECK(index_lock_message(dir.path, milliseconds(100)).empty());
}
