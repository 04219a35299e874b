#include "generators/release/version_order.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace gitopsgen;

TEST_CASE("versions order numerically, part by part, with or without a v") {
  CHECK(compare_versions("1.0.0", "1.2.0") == -1);
  CHECK(compare_versions("1.2.0", "1.0.0") == 1);
  CHECK(compare_versions("1.10.0", "1.9.0") == 1);
  CHECK(compare_versions("v2.0.0", "2.0.0") == 0);
  CHECK(compare_versions("1.10", "1.9.3") == 1);
  CHECK(compare_versions("2", "2.0.0") == 0);
  CHECK(compare_versions("1.0.0+build.7", "1.0.0+build.9") == 0);
}

TEST_CASE("SemVer 2.0's own precedence example holds") {
  const std::vector<std::string> ordered = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                            "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                                            "1.0.0-rc.1",  "1.0.0"};
  for (std::size_t i = 0; i < ordered.size(); ++i)
    for (std::size_t j = 0; j < ordered.size(); ++j) {
      CAPTURE(ordered[i]);
      CAPTURE(ordered[j]);
      CHECK(compare_versions(ordered[i], ordered[j]) == (i < j ? -1 : i == j ? 0 : 1));
    }
}

TEST_CASE("tags that are no versions do not compare") {
  for (const char* tag : {"latest", "main-3f2a9c1", "", "1.2.3.4", "01.2.3", "1..2", "1.2.3-",
                          "1.2.3-01", "sha256-abc", "1.2.x"}) {
    CAPTURE(tag);
    CHECK_FALSE(compare_versions(tag, "1.0.0").has_value());
    CHECK_FALSE(compare_versions("1.0.0", tag).has_value());
  }
}
