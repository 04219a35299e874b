// What several unit tests need: a temporary directory and a known git identity.
#pragma once

#include <cstdlib>
#include <filesystem>

namespace gitopsgen::test {

// A fresh directory under /tmp, removed with everything in it when the test ends.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char name[] = "/tmp/gitopsgen-unit-XXXXXX";
    path = mkdtemp(name);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

// Sets the author and committer of the commits a test makes.
struct Identity {
  Identity() {
    setenv("GIT_AUTHOR_NAME", "Unit Test", 1);
    setenv("GIT_AUTHOR_EMAIL", "unit@test.invalid", 1);
    setenv("GIT_COMMITTER_NAME", "Unit Test", 1);
    setenv("GIT_COMMITTER_EMAIL", "unit@test.invalid", 1);
  }
};

}  // namespace gitopsgen::test
