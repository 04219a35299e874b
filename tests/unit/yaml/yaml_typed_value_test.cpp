#include "generators/yaml/yaml_typed_value.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

TEST_CASE("integers, decimals, true/false and null are typed; yes/on and the rest are strings") {
  for (const std::string v : {"8", "-3", "0", "1.5", "2.0e3", "true", "false", "null"}) {
    CAPTURE(v);
    CHECK(typed_plain_token(v) == v);
  }
  for (const std::string v : {"yes", "no", "on", "off", "012", "0x1F", "1_000", "abc", "", "1.",
                              "True", "~", "2Gi", "1.2.3"}) {
    CAPTURE(v);
    CHECK_FALSE(typed_plain_token(v));
  }
  CHECK(typed_token_kind("8") == "integer");
  CHECK(typed_token_kind("1.5") == "number");
  CHECK(typed_token_kind("true") == "boolean");
  CHECK(typed_token_kind("null") == "null");
}

TEST_CASE("a plain token replaces a quoted string and keeps every other byte") {
  const std::string text = "# top\nreplicaCount: \"2\" # two\nimage:\n  tag: v1\n";
  CHECK(yaml_set_plain_token(text, {"replicaCount"}, "8") ==
        "# top\nreplicaCount: 8 # two\nimage:\n  tag: v1\n");
}

TEST_CASE("a missing nested key is inserted as a plain token") {
  const std::string text = "image:\n  tag: v1\n";
  const auto out = yaml_set_plain_token(text, {"autoscaling", "enabled"}, "true");
  CHECK(out.rfind(text, 0) == 0);
  CHECK(out.find("autoscaling:\n  enabled: true\n") != std::string::npos);
}

TEST_CASE("a string token is refused") {
  CHECK_THROWS_AS(yaml_set_plain_token("a: 1\n", {"a"}, "abc"), Error);
}
