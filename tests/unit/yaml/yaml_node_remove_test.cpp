#include "generators/yaml/yaml_node_remove.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

namespace {
YamlNodePath keys(std::initializer_list<const char*> names) {
  YamlNodePath path;
  for (const auto* n : names) path.emplace_back(std::string(n));
  return path;
}
}  // namespace

TEST_CASE("an entry goes with its own lines and trailing comment; the comment above stays") {
  const std::string text = "a: 1\n# about b\nb:\n  c: 2  # c\n  d: 3\ne: 4\n";
  CHECK(yaml_remove_node(text, keys({"b", "c"})) == "a: 1\n# about b\nb:\n  d: 3\ne: 4\n");
  CHECK(yaml_remove_node(text, keys({"b"})) == "a: 1\n# about b\ne: 4\n");
  CHECK(yaml_remove_node(text, keys({"e"})) == "a: 1\n# about b\nb:\n  c: 2  # c\n  d: 3\n");
}

TEST_CASE("a collection left empty reads {} or [], never null") {
  CHECK(yaml_remove_node("a:\n  b: 1\nc: 2\n", keys({"a", "b"})) == "a: {}\nc: 2\n");
  YamlNodePath item{std::string("l"), std::size_t{0}};
  CHECK(yaml_remove_node("l:\n  - x\nc: 2\n", item) == "l: []\nc: 2\n");
  CHECK(yaml_remove_node("# only\na: 1\n", keys({"a"})) == "# only\n{}\n");
}

TEST_CASE("a list item goes with all its lines; the items after it move up") {
  const std::string text = "env:\n  - name: A\n    value: x\n  - name: B\n    value: y\n";
  YamlNodePath first{std::string("env"), std::size_t{0}};
  CHECK(yaml_remove_node(text, first) == "env:\n  - name: B\n    value: y\n");
  YamlNodePath last{std::string("env"), std::size_t{1}};
  CHECK(yaml_remove_node(text, last) == "env:\n  - name: A\n    value: x\n");
}

TEST_CASE("a missing path changes nothing; CRLF and no final line break are kept") {
  CHECK(yaml_remove_node("a: 1\n", keys({"b"})) == "a: 1\n");
  CHECK(yaml_remove_node("a: 1\r\nb: 2\r\n", keys({"a"})) == "b: 2\r\n");
  CHECK(yaml_remove_node("a: 1\nb: 2", keys({"b"})) == "a: 1\n");
}

TEST_CASE("flow style, a list item's first key and anchors used elsewhere are refused") {
  CHECK_THROWS_WITH_AS(yaml_remove_node("a: {b: 1, c: 2}\n", keys({"a", "b"})),
                       doctest::Contains("flow style"), Error);
  YamlNodePath name{std::string("l"), std::size_t{0}, std::string("name")};
  CHECK_THROWS_WITH_AS(yaml_remove_node("l:\n  - name: x\n    v: 1\n", name),
                       doctest::Contains("first key of a list item"), Error);
  CHECK_THROWS_WITH_AS(yaml_remove_node("a: &x\n  b: 1\nc: *x\n", keys({"a"})),
                       doctest::Contains("anchor"), Error);
}
