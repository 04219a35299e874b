#include "generators/yaml/yaml_emit.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

using gitopsgen::JsonValue;
using gitopsgen::to_yaml;
using gitopsgen::yaml_inline_string;

namespace {

// True when yaml-cpp reads `node` back as exactly `value`: same kinds, order, keys and scalars.
bool same(const YAML::Node& node, const JsonValue& value) {
  switch (value.kind()) {
    case JsonValue::Kind::null:
      return node.IsNull();
    case JsonValue::Kind::boolean:
      return node.IsScalar() && node.Tag() == "?" && node.as<bool>() == value.boolean();
    case JsonValue::Kind::integer:
      return node.IsScalar() && node.Tag() == "?" && node.as<long long>() == value.integer();
    case JsonValue::Kind::number:
      return node.IsScalar() && node.Tag() == "?" && node.Scalar() == value.string();
    case JsonValue::Kind::string:
      // A plain scalar ("?") or a quoted one ("!"): either way the same characters.
      return node.IsScalar() && node.as<std::string>() == value.string();
    case JsonValue::Kind::array: {
      if (!node.IsSequence() || node.size() != value.items().size()) return false;
      for (std::size_t i = 0; i < node.size(); ++i)
        if (!same(node[i], value.items()[i])) return false;
      return true;
    }
    case JsonValue::Kind::object: {
      if (!node.IsMap() || node.size() != value.members().size()) return false;
      std::size_t i = 0;
      for (const auto& entry : node) {
        const auto& member = value.members()[i++];
        if (entry.first.as<std::string>() != member.key || !same(entry.second, member.value))
          return false;
      }
      return true;
    }
  }
  return false;
}

void check_round_trip(const JsonValue& value) {
  const auto text = to_yaml(value);
  CAPTURE(text);
  CHECK(same(YAML::Load(text), value));
}

}  // namespace

TEST_CASE("strings YAML would retype are quoted") {
  for (const std::string v :
       {"yes",  "No",   "on",         "1.10",  "null",  "~",     "0x1F",   "0o17", "012",  "1e3",
        "true", ".inf", "2024-01-01", "12:30", "",      " lead", "trail ", "a: b", "a #b", "#x",
        "-",    "- x",  "? x",        "[x]",   "{y}",   "*a",    "&a",     "!t",   "%p",   "@a",
        "`t",   "|",    ">",          "'q'",   "\"q\"", "=",     "<<"}) {
    CAPTURE(v);
    CHECK(yaml_inline_string(v).front() == '"');
    auto object = JsonValue::object();
    object.add(v, v);
    check_round_trip(object);
  }
  CHECK(yaml_inline_string("service-a") == "service-a");
  CHECK(yaml_inline_string("registry.example/team/a") == "registry.example/team/a");
}

TEST_CASE("control, non-printable and non-ASCII characters survive") {
  for (const std::string& v :
       std::vector<std::string>{std::string("nul\0x", 5), "tab\there", "cr\rlf", "bell\a",
                                "del\x7f", "nel\xc2\x85", "ls\xe2\x80\xa8ps\xe2\x80\xa9",
                                "bom\xef\xbb\xbf", "\xef\xbf\xbe", "ünïcødé ✓ 😀", "back\\slash"}) {
    CAPTURE(v);
    auto object = JsonValue::object();
    object.add("k", v);
    check_round_trip(object);
  }
}

TEST_CASE("multi-line strings are literal blocks that keep every byte") {
  for (const std::string v : {"a\nb", "a\nb\n", "a\nb\n\n\n", "\n\nlead", "  indented\nfirst\n",
                              "trail \n \n  \nx", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n \n",
                              "tab\tin\n\tline\n", "#c\n...\n---\n", "\n", "\n\n", "cr\r\nlf\n"}) {
    CAPTURE(v);
    auto object = JsonValue::object();
    object.add("diff", v);
    auto nested = JsonValue::object();
    nested.add("inner", v);
    object.add("nested", nested);
    object.add("list", JsonValue::array().push(v).push(JsonValue::object().add("x", v)));
    check_round_trip(object);
  }
  auto object = JsonValue::object();
  object.add("diff", "a\nb\n");
  CHECK(to_yaml(object) == "diff: |2\n  a\n  b\n");
}

TEST_CASE("nesting: block mappings and sequences, empty ones in flow style") {
  auto v = JsonValue::object();
  v.add("command", "status").add("ok", false).add("count", 3).add("none", nullptr);
  v.add("empty_list", JsonValue::array()).add("empty_map", JsonValue::object());
  auto services = JsonValue::array();
  auto images = JsonValue::object();
  images.add("dev", JsonValue::object().add("tag", "1.10").add("behind", true));
  images.add("production", nullptr);
  services.push(JsonValue::object().add("service", "a").add("images", images));
  services.push(JsonValue::array().push(1).push(JsonValue::array()));
  v.add("services", services);
  check_round_trip(v);
  CHECK(to_yaml(v) ==
        "command: status\nok: false\ncount: 3\nnone: null\nempty_list: []\nempty_map: {}\n"
        "services:\n  - service: a\n    images:\n      dev:\n        tag: \"1.10\"\n"
        "        behind: true\n      production: null\n  - - 1\n    - []\n");
}
