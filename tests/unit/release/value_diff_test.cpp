#include "generators/release/value_diff.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"
#include "generators/services/service_inventory.hpp"

using namespace gitopsgen;
using Flat = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("values flatten to dotted paths, env by name and other lists by index") {
  const auto flat = flatten_values(
      "image:\n  tag: 1.0.0\nenv:\n  - name: LOG_LEVEL\n    value: info\n"
      "  - name: DB\n    valueFrom:\n      secretKeyRef: {key: url}\n"
      "args: [a, b]\nempty: {}\nnone: []\nnothing:\n",
      "v.yaml");
  CHECK(flat == Flat{{"image.tag", "1.0.0"},
                     {"env.LOG_LEVEL", "info"},
                     {"env.DB.valueFrom.secretKeyRef.key", "url"},
                     {"args.0", "a"},
                     {"args.1", "b"},
                     {"empty", "{}"},
                     {"none", "[]"},
                     {"nothing", "null"}});
}

TEST_CASE("a key holding a dot is bracketed") {
  CHECK(flatten_values("a:\n  eks.amazonaws.com/role: r\n", "v.yaml") ==
        Flat{{"a[eks.amazonaws.com/role]", "r"}});
}

TEST_CASE("a list whose items share a name is addressed by index") {
  const auto flat = flatten_values("l:\n  - name: x\n  - name: x\n", "v.yaml");
  CHECK(flat == Flat{{"l.0.name", "x"}, {"l.1.name", "x"}});
}

TEST_CASE("the differences between two environments, promoted paths marked") {
  PlatformSettings settings;
  MemoryWorkspace repo;
  repo.put(value_file_path(settings, "a", "dev"),
           "image:\n  repository: r\n  tag: 1.1.0\nreplicaCount: 1\nenv:\n"
           "  - name: LOG_LEVEL\n    value: debug\n");
  repo.put(value_file_path(settings, "a", "production"),
           "image:\n  repository: r\n  tag: 1.0.0\nreplicaCount: 3\nenv: []\nextra: yes\n");
  const auto diff = diff_values(repo, settings, {"a", "dev", "production"});
  REQUIRE(diff.size() == 5);
  CHECK(diff[0].path == "image.tag");
  CHECK(diff[0].promoted);
  CHECK(diff[0].from == "1.1.0");
  CHECK(diff[0].to == "1.0.0");
  CHECK(diff[1].path == "replicaCount");
  CHECK_FALSE(diff[1].promoted);
  CHECK(diff[2].path == "env.LOG_LEVEL");
  CHECK_FALSE(diff[2].to);
  CHECK(diff[3].path == "env");
  CHECK_FALSE(diff[3].from);
  CHECK(diff[3].to == "[]");
  CHECK(diff[4].path == "extra");
}

TEST_CASE("the same environment twice, an unknown one, a missing value file: refused") {
  PlatformSettings settings;
  MemoryWorkspace repo;
  repo.put(value_file_path(settings, "a", "dev"), "x: 1\n");
  CHECK_THROWS_AS(diff_values(repo, settings, {"a", "dev", "dev"}), UsageError);
  CHECK_THROWS_WITH_AS(diff_values(repo, settings, {"a", "dev", "qa"}),
                       doctest::Contains("unknown environment 'qa'"), Error);
  CHECK_THROWS_WITH_AS(diff_values(repo, settings, {"a", "dev", "staging"}),
                       doctest::Contains("service 'a' has no value file in staging"), Error);
}
