#include "generators/release/image_history.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

TEST_CASE("--since reads dates, ISO 8601 times and N.unit, relative to now") {
  const std::time_t now = 1'800'000'000;
  CHECK(parse_since("2026-11-03", now) == 1'793'664'000);
  CHECK(parse_since("2026-11-03T10:00:00Z", now) == 1'793'664'000 + 36'000);
  CHECK(parse_since("2026-11-03T12:00+02:00", now) == 1'793'664'000 + 36'000);
  CHECK(parse_since("2026-11-03T05:30-04:30", now) == 1'793'664'000 + 36'000);
  CHECK(parse_since("1970-01-01", now) == 0);
  CHECK(parse_since("2.weeks", now) == now - 2 * 604'800);
  CHECK(parse_since("3 days ago", now) == now - 3 * 86'400);
  CHECK(parse_since("1.hour", now) == now - 3600);
  CHECK(parse_since("90 Minutes", now) == now - 90 * 60);
  for (const char* bad : {"", "yesterday", "2026-13-01", "2026-02-32", "2026-11-03T25:00Z",
                          "2026-11-03T10:00+0200", "2.fortnights", "-2.days", "2026/11/03"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_since(bad, now), UsageError);
  }
}
