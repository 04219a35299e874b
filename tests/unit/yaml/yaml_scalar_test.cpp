#include "generators/yaml/yaml_scalar.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

using gitopsgen::yaml_scalar;

namespace {
std::string read_back(const std::string& value) {
  return YAML::Load("key: " + yaml_scalar(value))["key"].as<std::string>();
}
}  // namespace

TEST_CASE("values that YAML 1.1 would change are quoted and read back unchanged") {
  for (const std::string v :
       {"1.10", "1e3",   "yes",   "no",         "on",   "off",  "Y",     "n",
        "null", "~",     "012",   "0x1F",       "0o17", "true", "False", ".inf",
        "-.5",  "1_000", "12:30", "2024-01-01", "",     "<<",   "="}) {
    CAPTURE(v);
    CHECK(yaml_scalar(v).front() == '"');
    CHECK(read_back(v) == v);
  }
}

TEST_CASE("awkward characters survive a round trip") {
  for (const std::string v :
       {"#",           "a #b",      ": ",        "a: b",      "key:",    "\"quoted\"", "it's",
        "back\\slash", "tab\there", "new\nline", "ünïcødé ✓", " lead",   "trail ",     "-dash",
        "[x]",         "{y}",       "a,b",       "*alias",    "&anchor", "!tag",       "%pct",
        "@at",         "`tick",     "|",         ">",         "?"}) {
    CAPTURE(v);
    CHECK(read_back(v) == v);
  }
}

TEST_CASE("ordinary names stay plain") {
  CHECK(yaml_scalar("vsf-miniapp") == "vsf-miniapp");
  CHECK(yaml_scalar("https://github.com/oNddleo/gitops.git") ==
        "https://github.com/oNddleo/gitops.git");
  CHECK(yaml_scalar("arn:aws:iam::ACCOUNT_ID:role/x") == "arn:aws:iam::ACCOUNT_ID:role/x");
  CHECK(yaml_scalar("us-east-1") == "us-east-1");
}
