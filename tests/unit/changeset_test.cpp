#include "generators/changeset.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

TEST_CASE("a ChangeSet records only real changes") {
  MemoryWorkspace base;
  base.put("a.yaml", "a: 1\n");
  ChangeSet changes(base);
  changes.put("a.yaml", "a: 1\n");
  CHECK(changes.empty());
  changes.put("a.yaml", "a: 2\n");
  changes.put("b.yaml", "b: 1\n");
  REQUIRE(changes.changes().size() == 2);
  CHECK(changes.changes()[0].old_bytes == "a: 1\n");
  CHECK(changes.changes()[1].old_bytes == std::nullopt);
  CHECK(changes.read_after("a.yaml") == "a: 2\n");
  changes.put("a.yaml", "a: 1\n");  // back to the original: no change left
  CHECK(changes.changes().size() == 1);
  changes.remove("b.yaml");  // created then removed: nothing
  CHECK(changes.empty());
  changes.remove("a.yaml");
  REQUIRE(changes.changes().size() == 1);
  CHECK_FALSE(changes.changes()[0].new_bytes.has_value());
  changes.remove("missing.yaml");
  CHECK(changes.changes().size() == 1);
}

TEST_CASE("paths outside the repository are refused") {
  MemoryWorkspace base;
  ChangeSet changes(base);
  for (const std::string bad :
       {"", "/etc/passwd", "../x", "a/../../x", ".git/config", "a//b", "a/"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(changes.put(bad, "x"), Error);
  }
}
