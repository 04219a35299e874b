#include "generators/yaml/yaml_edit.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using gitopsgen::Error;
using gitopsgen::yaml_read_scalar;
using gitopsgen::yaml_scalar_span;
using gitopsgen::yaml_set_scalar;
using gitopsgen::YamlKeyPath;

namespace {

const YamlKeyPath kTag = {"image", "tag"};

std::string set_tag(const std::string& text, const std::string& value) {
  return yaml_set_scalar(text, kTag, value);
}

}  // namespace

TEST_CASE("a plain tag is replaced and nothing else moves") {
  const std::string before =
      "# Service A\n# owned by payments\n\nserviceName: service-a\n\nimage:\n"
      "  repository: r  # the registry\n  tag: 1.0.0 # pinned\n  pullPolicy: IfNotPresent\n\n"
      "replicaCount: 5\n";
  const std::string after =
      "# Service A\n# owned by payments\n\nserviceName: service-a\n\nimage:\n"
      "  repository: r  # the registry\n  tag: 1.2.3 # pinned\n  pullPolicy: IfNotPresent\n\n"
      "replicaCount: 5\n";
  CHECK(set_tag(before, "1.2.3") == after);
  CHECK(set_tag(after, "1.0.0") == before);
  CHECK(yaml_read_scalar(after, kTag) == "1.2.3");
}

TEST_CASE("a value that would change type unquoted is double-quoted") {
  const std::string before = "image:\n  tag: 1.0.0 # pinned\n";
  CHECK(set_tag(before, "1.10") == "image:\n  tag: \"1.10\" # pinned\n");
  CHECK(set_tag(before, "1e3") == "image:\n  tag: \"1e3\" # pinned\n");
  CHECK(set_tag(before, "yes") == "image:\n  tag: \"yes\" # pinned\n");
  CHECK(set_tag(before, "null") == "image:\n  tag: \"null\" # pinned\n");
  CHECK(set_tag(before, "012") == "image:\n  tag: \"012\" # pinned\n");
  CHECK(set_tag(before, "#x") == "image:\n  tag: \"#x\" # pinned\n");
  CHECK(set_tag(before, "a: b") == "image:\n  tag: \"a: b\" # pinned\n");
  CHECK(set_tag(before, "") == "image:\n  tag: \"\" # pinned\n");
  CHECK(set_tag(before, "say \"hi\"\\") == "image:\n  tag: \"say \\\"hi\\\"\\\\\" # pinned\n");
  CHECK(set_tag(before, "v2.0.1-rc.1+build.5") == "image:\n  tag: v2.0.1-rc.1+build.5 # pinned\n");
}

TEST_CASE("quote styles are kept where they can hold the value") {
  CHECK(set_tag("image:\n  tag: '1.0'\n", "2.0") == "image:\n  tag: '2.0'\n");
  CHECK(set_tag("image:\n  tag: '1.0'\n", "it's") == "image:\n  tag: 'it''s'\n");
  CHECK(set_tag("image:\n  tag: '1.0'\n", "a\tb") == "image:\n  tag: \"a\\tb\"\n");
  CHECK(set_tag("image:\n  tag: '1.0'\n", "line\nbreak") == "image:\n  tag: \"line\\nbreak\"\n");
  CHECK(set_tag("image:\n  tag: \"1.0\"\n", "2.0") == "image:\n  tag: \"2.0\"\n");
  CHECK(set_tag("image:\n  tag: \"1.0\"\n", "back\\slash") == "image:\n  tag: \"back\\\\slash\"\n");
  CHECK(set_tag("image:\n  tag: 1.0.0\n", "it's") == "image:\n  tag: \"it's\"\n");
  // Characters a reader would fold or refuse raw are escaped.
  CHECK(set_tag("image:\n  tag: x\n", "a\u2028b") == "image:\n  tag: \"a\\u2028b\"\n");
  CHECK(set_tag("image:\n  tag: 'x'\n", "\u0085") == "image:\n  tag: \"\\u0085\"\n");
}

TEST_CASE("unicode and a byte order mark before the value do not shift the edit") {
  const std::string before =
      "\xEF\xBB\xBF# Dịch vụ — 日本語 🚀\nowner: Zoë Ångström\nimage:\n  repo: naïve\n  tag: 1.0 "
      "# ✓\n";
  CHECK(set_tag(before, "2.0.0") ==
        "\xEF\xBB\xBF# Dịch vụ — 日本語 🚀\nowner: Zoë Ångström\nimage:\n  repo: naïve\n  tag: "
        "2.0.0 # ✓\n");
  CHECK(set_tag("image: {name: ünï, tag: \"1.0\"}\n", "ß") == "image: {name: ünï, tag: \"ß\"}\n");
  CHECK(set_tag("image:\n  tag: 1.0\n", "ünïcødé ✓") == "image:\n  tag: ünïcødé ✓\n");
}

TEST_CASE("CRLF, a missing final newline and odd spacing are kept") {
  CHECK(set_tag("a: 1\r\nimage:\r\n  tag: 1.0\r\n", "2.0") ==
        "a: 1\r\nimage:\r\n  tag: \"2.0\"\r\n");
  CHECK(set_tag("image:\n  tag: 1.0", "2.0") == "image:\n  tag: \"2.0\"");
  CHECK(set_tag("image:\n  tag:\t  1.0\t# c\n", "v2") == "image:\n  tag:\t  v2\t# c\n");
  CHECK(set_tag("image :\n    tag   :   '1'   \n", "2") == "image :\n    tag   :   '2'   \n");
}

TEST_CASE("document markers and later documents are left alone") {
  const std::string before =
      "# header\n%YAML 1.1\n--- # first\nimage:\n  tag: 1.0\n...\n---\nimage:\n  tag: 1.0\n";
  CHECK(set_tag(before, "2.0") ==
        "# header\n%YAML 1.1\n--- # first\nimage:\n  tag: \"2.0\"\n...\n---\nimage:\n  tag: "
        "1.0\n");
  CHECK(set_tag("image:\n  repo: r\n---\nimage:\n  tag: 1\n", "v") ==
        "image:\n  repo: r\n  tag: v\n---\nimage:\n  tag: 1\n");
}

TEST_CASE("flow mappings are edited in place") {
  CHECK(set_tag("image: {repository: r, tag: \"1.0\"}\n", "2.0") ==
        "image: {repository: r, tag: \"2.0\"}\n");
  CHECK(set_tag("image: {repository: r, tag: 1.0}  # c\n", "a,b") ==
        "image: {repository: r, tag: \"a,b\"}  # c\n");
  CHECK(set_tag("image: {repository: r, tag: x}\n", "a:b") ==
        "image: {repository: r, tag: \"a:b\"}\n");
  CHECK(set_tag("image: { repository: r }\n", "v2") == "image: { repository: r, tag: v2 }\n");
  CHECK(set_tag("image: {}\n", "v2") == "image: {tag: v2}\n");
  CHECK(set_tag("image: {a: }\n", "v2") == "image: {a: , tag: v2}\n");
  CHECK(set_tag("{a: 1}\n", "v2") == "{a: 1, image: {tag: v2}}\n");
  CHECK(set_tag("image: {\n  repo: r,\n  tag: 1\n}\n", "v2") ==
        "image: {\n  repo: r,\n  tag: v2\n}\n");
}

TEST_CASE("block scalars and multi-line scalars become one line") {
  CHECK(set_tag("image:\n  tag: |\n    1.0\n\n  next: 1\n", "2.0") ==
        "image:\n  tag: \"2.0\"\n\n  next: 1\n");
  CHECK(set_tag("image:\n  tag: >-  # folded\n    a\n    b\nx: 1\n", "v2") ==
        "image:\n  tag: \"v2\" # folded\nx: 1\n");
  CHECK(set_tag("image:\n  tag: one\n    two\nx: 1\n", "v2") == "image:\n  tag: v2\nx: 1\n");
  CHECK(set_tag("image:\n  tag: 'one\n    two'\n", "v2") == "image:\n  tag: 'v2'\n");
  CHECK(set_tag("image:\n  tag: |\n    1.0", "v2") == "image:\n  tag: \"v2\"");
}

TEST_CASE("aliases, anchors and merge keys") {
  // The alias alone is replaced; the anchor and its other users stay.
  CHECK(set_tag("v: &v 1.0\nimage:\n  tag: *v\nother: *v\n", "2.0") ==
        "v: &v 1.0\nimage:\n  tag: \"2.0\"\nother: *v\n");
  // An anchored value nobody refers to keeps its anchor.
  CHECK(set_tag("image:\n  tag: &t 1.0\n", "2.0") == "image:\n  tag: &t \"2.0\"\n");
  CHECK_THROWS_WITH_AS(set_tag("image:\n  tag: &t 1.0\nother: *t\n", "2.0"),
                       doctest::Contains("image.tag: it is anchored (&t) and used elsewhere (*t)"),
                       Error);
  CHECK_THROWS_WITH_AS(set_tag("base: &b\n  tag: 1\nimage: *b\n", "2"),
                       doctest::Contains("image is an alias (*b)"), Error);
  CHECK_THROWS_WITH_AS(set_tag("base: &b\n  tag: 1\nimage: &i\n  tag: 1\nx: *i\n", "2"),
                       doctest::Contains("image is anchored (&i) and used elsewhere"), Error);
  CHECK_THROWS_WITH_AS(set_tag("b: &b\n  tag: 1\nimage:\n  <<: *b\n  repo: r\n", "2"),
                       doctest::Contains("merge key"), Error);
  CHECK_THROWS_WITH_AS(set_tag("m: &m {a: 1}\nimage:\n  tag: *m\n", "2"),
                       doctest::Contains("not a scalar"), Error);
  // An explicit key next to a merge key is unambiguous.
  CHECK(set_tag("b: &b\n  tag: 1\nimage:\n  <<: *b\n  tag: 1\n", "2") ==
        "b: &b\n  tag: 1\nimage:\n  <<: *b\n  tag: \"2\"\n");
}

TEST_CASE("tags are kept; a core tag other than !!str is refused") {
  CHECK(set_tag("image:\n  tag: !!str 1.0\n", "yes") == "image:\n  tag: !!str \"yes\"\n");
  CHECK(set_tag("image:\n  tag: !custom x\n", "z") == "image:\n  tag: !custom z\n");
  CHECK_THROWS_WITH_AS(set_tag("image:\n  tag: !!int 1\n", "2"),
                       doctest::Contains("tagged tag:yaml.org,2002:int"), Error);
}

TEST_CASE("an empty value gets one written after its colon") {
  CHECK(set_tag("image:\n  tag:\n  repo: r\n", "v2") == "image:\n  tag: v2\n  repo: r\n");
  CHECK(set_tag("image:\n  tag: # soon\n", "1.10") == "image:\n  tag: \"1.10\" # soon\n");
  CHECK(set_tag("image:\n  tag: ~\n", "v2") == "image:\n  tag: v2\n");
  CHECK(set_tag("image: {tag: , x: 1}\n", "v2") == "image: {tag: v2 , x: 1}\n");
  CHECK(yaml_set_scalar("? tag\n:\nx: 1\n", {"tag"}, "v2") == "? tag\n: v2\nx: 1\n");
}

TEST_CASE("a missing key goes after the parent's last entry, at its indentation") {
  CHECK(set_tag("image:\n  repo: r\n  pull:\n    policy: x  # c\n\n# next\nreplicas: 1\n", "v") ==
        "image:\n  repo: r\n  pull:\n    policy: x  # c\n  tag: v\n\n# next\nreplicas: 1\n");
  CHECK(set_tag("image:\n  repo: r\nreplicas: 1", "v") ==
        "image:\n  repo: r\n  tag: v\nreplicas: 1");
  CHECK(set_tag("a: 1\nimage:\n  repo: r", "1.10") == "a: 1\nimage:\n  repo: r\n  tag: \"1.10\"");
  CHECK(set_tag("image:\r\n  repo: r\r\nx: 1\r\n", "v") ==
        "image:\r\n  repo: r\r\n  tag: v\r\nx: 1\r\n");
  CHECK(set_tag("image:\n  script: |\n    run\n\nx: 1\n", "v") ==
        "image:\n  script: |\n    run\n  tag: v\n\nx: 1\n");
  CHECK(set_tag("image:\n  list:\n  - a\n  - b\n", "v") ==
        "image:\n  list:\n  - a\n  - b\n  tag: v\n");
  CHECK(yaml_set_scalar("a: 1\n", {"1.10"}, "x") == "a: 1\n\"1.10\": x\n");
}

TEST_CASE("entries start where the mapping starts, whatever precedes its first key") {
  CHECK(yaml_set_scalar("? a\n: 1\n", {"b"}, "v") == "? a\n: 1\nb: v\n");
  CHECK(set_tag("image: &img\n    repo: r\n", "v") == "image: &img\n    repo: r\n    tag: v\n");
  CHECK(set_tag("image: !!map\n  repo: r\n", "v") == "image: !!map\n  repo: r\n  tag: v\n");
}

TEST_CASE("missing parents are created with the file's indentation step") {
  CHECK(set_tag("name: a\nresources:\n    limits:\n        cpu: 1\n", "v") ==
        "name: a\nresources:\n    limits:\n        cpu: 1\nimage:\n    tag: v\n");
  CHECK(set_tag("name: a\n# end\n", "v") == "name: a\nimage:\n  tag: v\n# end\n");
  CHECK(set_tag("name: a\r\n", "v") == "name: a\r\nimage:\r\n  tag: v\r\n");
  CHECK(yaml_set_scalar("a:\n  b: 1\n", {"a", "c", "d", "e"}, "x") ==
        "a:\n  b: 1\n  c:\n    d:\n      e: x\n");
  CHECK(set_tag("a:\n   b:\n      c: 1\n", "v") == "a:\n   b:\n      c: 1\nimage:\n   tag: v\n");
}

TEST_CASE("an empty or null parent becomes a block mapping; any other value is refused") {
  CHECK(set_tag("image:\nx: 1\n", "v") == "image:\n  tag: v\nx: 1\n");
  CHECK(set_tag("image: ~  # later\nx: 1\n", "v") == "image:  # later\n  tag: v\nx: 1\n");
  CHECK(set_tag("image: null", "v") == "image:\n  tag: v");
  CHECK(set_tag("a: {image: ~}\n", "v") == "a: {image: ~}\nimage:\n  tag: v\n");
  CHECK(yaml_set_scalar("a: {image: ~}\n", {"a", "image", "tag"}, "v") == "a: {image: {tag: v}}\n");
  CHECK(yaml_set_scalar("a: {image: }\n", {"a", "image", "tag"}, "v") == "a: {image: {tag: v} }\n");
  CHECK_THROWS_WITH_AS(set_tag("image: nginx\n", "v"),
                       doctest::Contains("image.tag: image is a scalar, not a mapping"), Error);
  CHECK_THROWS_WITH_AS(set_tag("image:\n  - a\n", "v"),
                       doctest::Contains("image is a sequence, not a mapping"), Error);
  CHECK_THROWS_WITH_AS(set_tag("image:\n  tag:\n    x: 1\n", "v"),
                       doctest::Contains("it is a mapping, not a scalar"), Error);
}

TEST_CASE("an empty or comment-only file gets the keys appended") {
  CHECK(set_tag("", "v") == "image:\n  tag: v\n");
  CHECK(set_tag("# nothing yet\n\n", "v") == "# nothing yet\n\nimage:\n  tag: v\n");
  CHECK(set_tag("# nothing yet", "v") == "# nothing yet\nimage:\n  tag: v");
  CHECK(set_tag("# c\r\n", "v") == "# c\r\nimage:\r\n  tag: v\r\n");
  CHECK(set_tag("--- # empty\n...\n", "v") == "--- # empty\nimage:\n  tag: v\n...\n");
  CHECK_THROWS_WITH_AS(set_tag("- a\n", "v"),
                       doctest::Contains("the document's root is a sequence, not a mapping"),
                       Error);
  CHECK_THROWS_WITH_AS(set_tag("just text\n", "v"), doctest::Contains("root is a scalar"), Error);
}

TEST_CASE("quoted keys are matched by their value") {
  CHECK(set_tag("\"image\":\n  'tag': \"1.0\"\n", "2.0") == "\"image\":\n  'tag': \"2.0\"\n");
  CHECK(set_tag("{\"image\":{\"tag\":\"1.0\"}}", "2.0") == "{\"image\":{\"tag\":\"2.0\"}}");
}

TEST_CASE("what cannot be done safely is refused with one line") {
  CHECK_THROWS_WITH_AS(set_tag("image:\n  tag: [1\n", "v"), doctest::Contains("does not parse"),
                       Error);
  CHECK_THROWS_WITH_AS(set_tag("image:\n  tag: 1\n  tag: 2\n", "v"),
                       doctest::Contains("defines image.tag twice"), Error);
  CHECK_THROWS_WITH_AS(set_tag("image:\n  tag: 1\n", "\xff"), doctest::Contains("not valid UTF-8"),
                       Error);
  CHECK_THROWS_WITH_AS(yaml_set_scalar("a: 1\n", {}, "v"), doctest::Contains("empty key path"),
                       Error);
  CHECK_THROWS_WITH_AS(set_tag("\xFF\xFEi", "v"), doctest::Contains("UTF-16"), Error);
  CHECK_THROWS_WITH_AS(set_tag("a: 1\rb: 2\r", "v"),
                       doctest::Contains("carriage return without a line feed on line 1"), Error);
  CHECK_THROWS_WITH_AS(yaml_read_scalar("a: 1\n# \u2028\n", kTag), doctest::Contains("on line 2"),
                       Error);
  // Other characters starting with the same bytes pass, and the search goes on past them.
  CHECK_THROWS_WITH_AS(
      yaml_read_scalar("a: \u00a0 \u2026 x\r\nb: \u00e9\n# \u00a0\u2019 \xC2\x85\n", kTag),
      doctest::Contains("U+0085 (NEL) on line 3"), Error);
  CHECK(yaml_read_scalar("a: \u00a0 \u2026\r\nimage:\r\n  tag: v\u00e9\r\n", kTag) == "v\u00e9");
  try {
    set_tag("image:\n  tag: *nowhere\n", "v");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
  }
}

TEST_CASE("reading a scalar") {
  const std::string text =
      "base: &b\n  registry: r.example\nimage:\n  <<: *b\n  tag: '1.10'\n  empty:\n"
      "  list: [1]\nv: *b\n";
  CHECK(yaml_read_scalar(text, kTag) == "1.10");
  CHECK(yaml_read_scalar(text, {"image", "registry"}) == "r.example");
  CHECK(yaml_read_scalar(text, {"v", "registry"}) == "r.example");
  CHECK(yaml_read_scalar(text, {"image", "empty"}) == "");
  CHECK(yaml_read_scalar(text, {"image", "missing"}) == std::nullopt);
  CHECK(yaml_read_scalar(text, {"nothing", "here"}) == std::nullopt);
  CHECK(yaml_read_scalar(text, {"image", "empty", "deeper"}) == std::nullopt);
  CHECK(yaml_read_scalar("", kTag) == std::nullopt);
  CHECK_THROWS_WITH_AS(yaml_read_scalar(text, {"image", "list"}),
                       doctest::Contains("image.list is a sequence, not a scalar"), Error);
  CHECK_THROWS_WITH_AS(yaml_read_scalar(text, {"image", "tag", "x"}),
                       doctest::Contains("image.tag is a scalar, not a mapping"), Error);
  CHECK_THROWS_WITH_AS(yaml_read_scalar("a: [\n", kTag), doctest::Contains("does not parse"),
                       Error);
}

TEST_CASE("the span of a scalar is its value's bytes") {
  const std::string text = "é: 1\nimage:\n  tag: &t !!str \"1.0\" # c\n";
  const auto span = yaml_scalar_span(text, kTag);
  REQUIRE(span.has_value());
  CHECK(text.substr(span->begin, span->end - span->begin) == "\"1.0\"");
  CHECK(yaml_scalar_span(text, {"image", "missing"}) == std::nullopt);
  const auto empty = yaml_scalar_span("image:\n  tag:\n", kTag);
  REQUIRE(empty.has_value());
  CHECK(empty->begin == 13);
  CHECK(empty->end == 13);
}

TEST_CASE("yaml_set_integer writes a plain number, never a string") {
  using gitopsgen::yaml_set_integer;
  CHECK(yaml_set_integer("replicaCount: 4  # prod\nx: 1\n", {"replicaCount"}, 6) ==
        "replicaCount: 6  # prod\nx: 1\n");
  CHECK(yaml_set_integer("replicaCount: \"4\"\n", {"replicaCount"}, 6) == "replicaCount: 6\n");
  CHECK(yaml_set_integer("a: 1\n", {"replicaCount"}, 3) == "a: 1\nreplicaCount: 3\n");
  CHECK(yaml_set_integer("s:\n  port: 80\n", {"s", "port"}, 8080) == "s:\n  port: 8080\n");
}
