#include "generators/repo_lock.hpp"

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

std::string message_of(const fs::path& dir, milliseconds timeout) {
  try {
    RepoLock::acquire(dir, timeout);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a second hold on the same repository waits, then fails with one line") {
  TempDir dir;
  {
    auto first = RepoLock::acquire(dir.path, milliseconds(100));
    // flock locks belong to an open file: a second acquisition conflicts even in one process.
    const auto message = message_of(dir.path, milliseconds(200));
    CHECK(message.find("another gitopsgen run holds") != std::string::npos);
    CHECK(message.find("0.2 s") != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
  }
  CHECK(message_of(dir.path, milliseconds(100)).empty());  // released with the first
}

TEST_CASE("git's index.lock is waited for") {
  TempDir dir;
  std::ofstream(dir.path / "index.lock") << "";
  const auto message = message_of(dir.path, milliseconds(150));
  CHECK(message.find("index.lock exists") != std::string::npos);
  fs::remove(dir.path / "index.lock");
  CHECK(message_of(dir.path, milliseconds(100)).empty());
}
