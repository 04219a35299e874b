// Shared by the libFuzzer harnesses: how a harness reports a broken invariant.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

// Aborts (a finding for libFuzzer) with `why` and `detail` on stderr.
[[noreturn]] inline void fuzz_fail(const char* why, const std::string& detail = "") {
  std::fprintf(stderr, "fuzz invariant broken: %s%s%s\n", why, detail.empty() ? "" : ": ",
               detail.c_str());
  std::abort();
}

// Aborts with `why` unless `condition` holds.
#define FUZZ_CHECK(condition, why)                \
  do {                                            \
    if (!(condition)) fuzz_fail(why, #condition); \
  } while (false)
