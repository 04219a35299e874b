#include "generators/yaml/yaml_probe.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "generators/error.hpp"

using gitopsgen::Error;
using gitopsgen::Probed;
using gitopsgen::YamlProbe;
using gitopsgen::yaml_edit::NodeKind;
using gitopsgen::yaml_edit::ScalarStyle;

namespace {

// The node at `path` as scan_document's nodes give it: the reference the probe must agree with.
int reference_at(const gitopsgen::yaml_edit::Document& doc, const std::vector<std::string>& path) {
  int node = doc.root;
  for (const auto& step : path) {
    if (node < 0) return -1;
    const auto& n = doc.nodes[static_cast<std::size_t>(node)];
    int next = -1;
    if (step.size() > 1 && step[0] == '#' && n.kind == NodeKind::sequence) {
      const auto index = std::stoul(step.substr(1));
      if (index < n.children.size()) next = n.children[index];
    } else if (n.kind == NodeKind::mapping) {
      for (std::size_t k = 0; k + 1 < n.children.size(); k += 2) {
        const auto& key = doc.nodes[static_cast<std::size_t>(n.children[k])];
        if (key.kind == NodeKind::scalar && key.value == step) next = n.children[k + 1];
      }
    }
    node = next;
  }
  return node;
}

const Probed* probe_at(const YamlProbe& probe, const std::vector<std::string>& path) {
  switch (path.size()) {
    case 1:
      return probe.at({path[0]});
    case 2:
      return probe.at({path[0], path[1]});
    case 3:
      return probe.at({path[0], path[1], path[2]});
    default:
      return probe.at({path[0], path[1], path[2], path[3]});
  }
}

// Asks the probe and the reference about every path and checks they agree.
void agree(const std::string& text, const std::vector<std::vector<std::string>>& paths) {
  std::vector<gitopsgen::ProbePattern> patterns(paths.begin(), paths.end());
  const YamlProbe probe(text, patterns);
  const auto doc = gitopsgen::yaml_edit::scan_document(text);
  for (const auto& path : paths) {
    CAPTURE(text);
    CAPTURE(path.back());
    const auto want = reference_at(doc, path);
    const auto* got = probe_at(probe, path);
    REQUIRE((want >= 0) == (got != nullptr));
    if (!got) continue;
    const auto& n = doc.nodes[static_cast<std::size_t>(want)];
    CHECK(got->kind == n.kind);
    if (n.kind == NodeKind::scalar) {
      CHECK(got->value == n.value);
      CHECK(got->style == n.style);
    }
    if (n.kind == NodeKind::sequence) CHECK(got->items == n.children.size());
    if (n.kind == NodeKind::mapping) CHECK(got->items == n.children.size() / 2);
  }
}

}  // namespace

TEST_CASE("a probe finds what scan_document's nodes hold at the same paths") {
  const std::vector<std::vector<std::string>> paths = {
      {"a"},          {"a", "b"},          {"a", "b", "c"}, {"list"},
      {"list", "#0"}, {"list", "#1"},      {"list", "#2"},  {"map"},
      {"map", "x"},   {"list", "#1", "k"}, {"missing"},     {"q"},
      {"flow"},       {"flow", "#1"},      {"lit"},         {"#0"},
      {"a", "#0"},    {"list", "#0", "x"}};
  for (const std::string text : {
           "a:\n  b:\n    c: 1\n", "a: {b: {c: 'x y'}}\nlist: [1, {k: v}, \"3\"]\n",
           "list:\n  - one\n  - k: two\n    j: 3\n  -\nmap: {x: ~, y: 2}\n",
           "q: \"quoted\\tvalue\"\nlit: |\n  line one\n  line two\nflow: [a, b]\n",
           "a: 1\na: {b: {c: later}}\n",              // a repeated key: the last counts
           "a: {b: {c: first}}\na: 2\n",              // and forgets what the first held
           "map: &m {x: 1}\na: *m\nlist: [*m]\n",     // aliases are aliases, not copies
           "? [complex, key]\n: value\na: {b: x}\n",  // a collection as key names nothing
           "'#0': hash key\n",                        // "#N" on a mapping is its key "#N"
           "--- plain\n",                             // the root a scalar
           "",                                        // no document at all
           "a: first\n---\na: second\n",              // only the first document
           "\xEF\xBB\xBF"
           "a: {b: bom}\n",  // a byte order mark
       })
    agree(text, paths);
}

TEST_CASE("a probe counts items and reads each one where a pattern says every item") {
  const std::vector<gitopsgen::ProbePattern> patterns = {
      {"env"}, {"env", "*", "name"}, {"env", "*", "value"}};
  const YamlProbe probe("env:\n  - name: A\n    value: \"1\"\n  - name: B\n    value: two\n",
                        patterns);
  REQUIRE(probe.at({"env"}) != nullptr);
  CHECK(probe.at({"env"})->kind == NodeKind::sequence);
  CHECK(probe.at({"env"})->items == 2);
  CHECK(probe.at({"env", "#1", "name"})->value == "B");
  CHECK(probe.at({"env", "#0", "value"})->style == ScalarStyle::double_quoted);
  CHECK(probe.at({"env", "#1", "value"})->style == ScalarStyle::plain);
  CHECK(probe.at({"env", "#2", "name"}) == nullptr);
}

TEST_CASE("a probe refuses a path no pattern names") {
  const std::vector<gitopsgen::ProbePattern> patterns = {{"a"}};
  const YamlProbe probe("a: 1\nb: 2\n", patterns);
  CHECK(probe.at({"a"})->value == "1");
  CHECK_THROWS_WITH_AS(probe.at({"b"}), doctest::Contains("no probe pattern names the path 'b'"),
                       Error);
}

TEST_CASE("a probe refuses what scan_document refuses, with the same message") {
  for (const auto& text : std::vector<std::string>{
           "a: [1, 2\n",         // does not parse
           "a: 1\n---\nb: [\n",  // a later document does not parse
           "a: *nowhere\n",      // an alias to no anchor
           "\xFF\xFE"
           "a",                                                 // UTF-16
           "a: 1\rb: 2\n",                                      // a line break readers disagree on
           std::string(70, '[') + std::string(70, ']') + "\n",  // nesting past the limit
       }) {
    CAPTURE(text);
    std::string want;
    try {
      gitopsgen::yaml_edit::scan_document(text);
    } catch (const Error& e) {
      want = e.what();
    }
    REQUIRE(!want.empty());
    const std::vector<gitopsgen::ProbePattern> patterns = {{"a"}};
    CHECK_THROWS_WITH_AS(YamlProbe(text, patterns), want.c_str(), Error);
  }
}
