#include "generators/platform/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

using namespace gitopsgen;

namespace {

// The lines of `text` that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("run_process passes this process's environment, with the variables it is given") {
  const char* path = std::getenv("PATH");
  REQUIRE(path != nullptr);
  const auto plain = run_process({"/usr/bin/env"}, "/");
  CHECK(plain.exit_code == 0);
  CHECK(lines_starting(plain.out, "PATH=") ==
        std::vector<std::string>{std::string("PATH=") + path});
  CHECK(lines_starting(plain.out, "GITOPSGEN_PROCESS_TEST=").empty());

  const auto with =
      run_process({"/usr/bin/env"}, "/", {"PATH=/nowhere", "GITOPSGEN_PROCESS_TEST=1"});
  CHECK(with.exit_code == 0);
  // Replaced, not added twice; the new one added; every other variable as it was.
  CHECK(lines_starting(with.out, "PATH=") == std::vector<std::string>{"PATH=/nowhere"});
  CHECK(lines_starting(with.out, "GITOPSGEN_PROCESS_TEST=") ==
        std::vector<std::string>{"GITOPSGEN_PROCESS_TEST=1"});
  CHECK(lines_starting(with.out, "HOME=") == lines_starting(plain.out, "HOME="));
  // A name that only starts like another is another variable.
  const auto prefix = run_process({"/usr/bin/env"}, "/", {"PAT=x"});
  CHECK(lines_starting(prefix.out, "PATH=") ==
        std::vector<std::string>{std::string("PATH=") + path});
  CHECK(lines_starting(prefix.out, "PAT=") == std::vector<std::string>{"PAT=x"});
}

TEST_CASE("run_process reports the exit code and both outputs") {
  const auto r = run_process({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, "/");
  CHECK(r.exit_code == 3);
  CHECK(r.out == "out\n");
  CHECK(r.err == "err\n");
}
