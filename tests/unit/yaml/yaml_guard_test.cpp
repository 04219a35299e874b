#include "generators/yaml/yaml_guard.hpp"

#include <doctest/doctest.h>

#include <chrono>

#include "generators/error.hpp"
#include "generators/platform/settings.hpp"
#include "generators/services/service_spec.hpp"

using namespace gitopsgen;

namespace {

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// `text` refused by the guard within a second, with a message that names `what` and holds
// `reason`; returns the refusal for further checks.
YamlRefused refused(const std::string& text, const std::string& reason) {
  const auto start = std::chrono::steady_clock::now();
  try {
    yaml_guard(text, "hostile.yaml");
  } catch (const YamlRefused& e) {
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(took < std::chrono::seconds(1));
    CHECK(std::string(e.what()).rfind("hostile.yaml:", 0) == 0);
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
    CHECK_MESSAGE(e.reason().find(reason) != std::string::npos, e.what());
    return e;
  }
  FAIL("not refused: ", text.substr(0, 60));
  return YamlRefused("", 0, "");
}

// A "billion laughs" text: each of `levels` anchors repeats the one before ten times.
std::string billion_laughs(int levels) {
  std::string text = "a0: &a0 lol\n";
  for (int i = 1; i <= levels; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += std::string(j ? ", " : "") + "*a" + std::to_string(i - 1);
    text += "]\n";
  }
  return text;
}

}  // namespace

TEST_CASE("ordinary YAML passes and loads as yaml-cpp reads it") {
  const std::string values =
      "# values\n"
      "defaults: &defaults\n  cpu: 100m\n  memory: 128Mi\n"
      "resources: *defaults\n"
      "image: {repository: r, tag: \"1.10\"}\n"
      "list: [a, [b, c], {d: e}]\n";
  const auto node = yaml_load_guarded(values, "values.yaml");
  CHECK(node["resources"]["cpu"].as<std::string>() == "100m");
  CHECK(node["image"]["tag"].as<std::string>() == "1.10");
  const auto docs = yaml_load_all_guarded("a: 1\n---\nb: 2\n---\n- c\n", "multi.yaml");
  REQUIRE(docs.size() == 3);
  CHECK(docs[2][0].as<std::string>() == "c");
  CHECK(yaml_load_all_guarded("", "empty.yaml").empty());
  CHECK(yaml_load_guarded("", "empty.yaml").IsNull());
}

TEST_CASE("nesting: 64 levels pass, 65 and 10,000 levels are refused at their line") {
  CHECK_NOTHROW(yaml_guard(repeat("[", 64) + repeat("]", 64), "x"));
  CHECK_NOTHROW(yaml_guard(repeat("- ", 64) + "x\n", "x"));
  refused(repeat("[", 65) + repeat("]", 65), "YAML nesting deeper than 64 levels");
  refused(repeat("[", 10'000) + repeat("]", 10'000), "nesting deeper than 64");
  refused(repeat("{a: ", 10'000) + repeat("}", 10'000), "nesting deeper than 64");
  refused(repeat("- ", 10'000) + "x\n", "nesting deeper than 64");
  // Unclosed: refused for its depth before libyaml reaches the end of the text.
  refused(repeat("[", 10'000), "nesting deeper than 64");
  std::string block = "top:\n";
  for (int level = 1; level <= 70; ++level) block += std::string(2 * level, ' ') + "k:\n";
  const auto e = refused(block, "nesting deeper than 64");
  CHECK(e.line() == 65);
  CHECK(std::string(e.what()).rfind("hostile.yaml:65: YAML nesting deeper than 64 levels", 0) == 0);
}

TEST_CASE("billion laughs and other alias bombs are refused; modest aliases pass") {
  refused(billion_laughs(9), "YAML aliases stand for more than 100000 nodes");
  refused(billion_laughs(6), "aliases stand for more than");
  CHECK_NOTHROW(yaml_guard(billion_laughs(4), "x"));  // 11,110 nodes: fine
  // Many aliases of one big anchor in a flat list.
  refused("big: &big [" + repeat("x, ", 1000) + "x]\nuse: [" + repeat("*big, ", 200) + "*big]\n",
          "aliases stand for more than");
}

TEST_CASE("aliases must name a complete anchor before them: no cycles, no dangling names") {
  refused("a: *missing\n", "alias *missing names no complete anchor before it");
  refused("a: &loop [1, *loop]\n", "names no complete anchor");
  refused("a: &loop {self: *loop}\n", "names no complete anchor");
  refused("a: &x 1\n---\nb: *x\n", "names no complete anchor");  // anchors end with their document
}

TEST_CASE("a text over 8 MiB is refused before parsing") {
  const std::string big = "key: " + std::string(9u << 20, 'x') + "\n";
  const auto e = refused(big, "over the 8 MiB limit");
  CHECK(e.line() == 0);
  CHECK(std::string(e.what()).rfind("hostile.yaml: YAML text of ", 0) == 0);
  CHECK_NOTHROW(yaml_guard("key: " + std::string(1u << 20, 'x') + "\n", "x"));
}

TEST_CASE("the inputs that make yaml-cpp 0.7 LoadAll loop forever are refused") {
  // jbeder/yaml-cpp#1040 (a lone comma), yaml-cpp PR #1319 and falcosecurity/falco#3281.
  refused(",", "invalid YAML");
  refused("\n,\n    ", "invalid YAML");
  refused(
      "- macro: exclude_commands\n  condition:\n    (user.uid = 1001 and proc.args in (\n"
      "\"/usr/local/bin/script_metrics.sh\",\n    \"-c rsync\"\n    )  )  \n    ",
      "invalid YAML");
  // Inputs that hung older yaml-cpp releases (#2, #499, #938).
  refused("bad YAML: [", "invalid YAML");
  refused("[:", "invalid YAML");
  refused("{:", "invalid YAML");
  refused("{# ke\ny{:", "invalid YAML");
}

TEST_CASE("a malformed text is refused with libyaml's line and reason") {
  const auto e = refused("key: [unclosed\n", "invalid YAML: did not find expected ',' or ']'");
  CHECK(e.line() == 2);
  refused("a: 1\n b: 2\n", "invalid YAML");
  refused("a: \"\xff\"\n", "invalid YAML");  // not UTF-8
  refused("a:\tb: c\n\t- x\n", "invalid YAML");
}

TEST_CASE("the loaders of user files refuse hostile YAML with one line naming the file") {
  const auto deep = "platform: " + repeat("[", 10'000) + repeat("]", 10'000) + "\n";
  CHECK_THROWS_WITH_AS(settings_from_yaml(deep, "gitopsgen.yaml"),
                       "gitopsgen.yaml:1: YAML nesting deeper than 64 levels", Error);
  CHECK_THROWS_WITH_AS(service_spec_from_yaml(billion_laughs(9), "svc.yaml"),
                       doctest::Contains("svc.yaml:6: YAML aliases stand for more than"), Error);
  CHECK_THROWS_WITH_AS(service_spec_from_yaml(",", "svc.yaml"),
                       doctest::Contains("svc.yaml:1: invalid YAML"), Error);
}

TEST_CASE("a mapping repeating a key, or a second document where one is expected, is refused") {
  CHECK_THROWS_WITH_AS(yaml_guard("a: 1\nb:\n  c: 1\n  c: 2\n", "f.yaml"),
                       "f.yaml:4: invalid YAML: duplicate key 'c'", YamlRefused);
  CHECK(yaml_guard("a: {c: 1}\nb: {c: 2}\n", "f.yaml") == 1);  // same key, other mappings
  CHECK(yaml_guard("- a: 1\n- a: 1\n", "f.yaml") == 1);
  CHECK(yaml_guard("a: 1\n---\na: 2\n", "f.yaml") == 2);
  CHECK_THROWS_WITH_AS(yaml_load_guarded("a: 1\n---\nb: 2\n", "f.yaml"),
                       "f.yaml: holds 2 YAML documents; expected one", YamlRefused);
  CHECK_NOTHROW(yaml_load_all_guarded("a: 1\n---\nb: 2\n", "f.yaml"));
}
