// One parse for reading and editing (YamlText) and the yaml-cpp cross-check of an edit.
#include "generators/yaml/yaml_edit_check.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit.hpp"

using namespace gitopsgen;

namespace {

namespace fs = std::filesystem;

std::string corpus_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// yaml_read_scalar's answer, or its error message.
std::string read_or_error(const std::string& text, const YamlKeyPath& path) {
  try {
    return yaml_read_scalar(text, path).value_or("(none)");
  } catch (const Error& e) {
    return std::string("error: ") + e.what();
  }
}

std::string read_or_error(const YamlText& text, const YamlKeyPath& path) {
  try {
    return text.read_scalar(path).value_or("(none)");
  } catch (const Error& e) {
    return std::string("error: ") + e.what();
  }
}

// The edits made one yaml_set_scalar after another, or the first error's message.
std::string set_each_or_error(std::string text, const std::vector<YamlScalarEdit>& edits) {
  try {
    for (const auto& e : edits) text = yaml_set_scalar(text, e.path, e.value);
    return text;
  } catch (const Error& e) {
    return std::string("error: ") + e.what();
  }
}

std::string with_scalars_or_error(const YamlText& text, const std::vector<YamlScalarEdit>& edits) {
  try {
    return text.with_scalars(edits);
  } catch (const Error& e) {
    return std::string("error: ") + e.what();
  }
}

}  // namespace

TEST_CASE("YamlText reads and edits exactly as yaml_read_scalar and yaml_set_scalar do") {
  const auto dir =
      fs::path(__FILE__).parent_path().parent_path().parent_path() / "fixtures" / "yaml-corpus";
  const std::vector<YamlKeyPath> paths = {
      {"image", "tag"}, {"image", "repository"}, {"name"}, {"a", "b", "c"}, {"replicaCount"}};
  std::size_t files = 0, edited = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto text = corpus_file(entry.path());
    CAPTURE(entry.path().filename().string());
    std::optional<YamlText> parsed;
    try {
      parsed.emplace(text);
    } catch (const Error&) {
      CHECK_THROWS_AS(yaml_read_scalar(text, paths.front()), Error);
      continue;
    }
    ++files;
    for (const auto& path : paths) CHECK(read_or_error(*parsed, path) == read_or_error(text, path));
    for (const auto& edits : std::vector<std::vector<YamlScalarEdit>>{
             {{{"image", "tag"}, "1.10"}},
             {{{"image", "repository"}, "registry.example/app"}, {{"image", "tag"}, "2.0.0"}},
             {{{"image", "tag"}, "x"}, {{"image", "tag"}, "y: z"}},
             {{{"a", "b", "c"}, "new"}, {{"name"}, "yes"}},
             // Token-safe values, which YamlText swaps in without reading the text back.
             {{{"image", "tag"}, "v2.3.4-rc.1_b7"}},
             {{{"image", "repository"}, "ghcr.io/org/app"}, {{"name"}, "svc-a"}},
             {{{"image", "tag"}, "abc"}, {{"image", "tag"}, "def"}}}) {
      const auto expected = set_each_or_error(text, edits);
      CHECK(with_scalars_or_error(*parsed, edits) == expected);
      edited += expected.rfind("error: ", 0) != 0;
    }
  }
  CHECK(files >= 10);
  CHECK(edited >= 20);
}

TEST_CASE("an empty list of edits leaves the text as it is") {
  const YamlText text("a: 1 # one\n");
  CHECK(text.with_scalars({}) == "a: 1 # one\n");
  CHECK(text.text() == "a: 1 # one\n");
}

TEST_CASE("yaml-cpp must read every edited value back") {
  using yaml_edit::yaml_cpp_check_edits;
  const std::string before = "image:\n  repository: r\n  tag: 1.0.0\nrest: [1, 2]\n";
  const std::string after = "image:\n  repository: r2\n  tag: \"1.10\"\nrest: [1, 2]\n";
  CHECK_NOTHROW(yaml_cpp_check_edits(
      before, after, {{{"image", "repository"}, "r2"}, {{"image", "tag"}, "1.10"}}, "what: "));
  // The last edit of a path is what it must hold.
  CHECK_NOTHROW(yaml_cpp_check_edits(before, after,
                                     {{{"image", "tag"}, "0"}, {{"image", "tag"}, "1.10"}}, ""));
  CHECK_THROWS_WITH_AS(yaml_cpp_check_edits(before, after, {{{"image", "tag"}, "1.1"}}, "what: "),
                       "what: yaml-cpp reads back differently", Error);
  CHECK_THROWS_WITH_AS(yaml_cpp_check_edits(before, after, {{{"image", "digest"}, "x"}}, ""),
                       "yaml-cpp reads back differently", Error);
  CHECK_THROWS_WITH_AS(yaml_cpp_check_edits(before, after, {{{"rest"}, "x"}}, ""),
                       "yaml-cpp reads back differently", Error);
  // A null is not the string written.
  CHECK_THROWS_AS(yaml_cpp_check_edits(before, "image:\n  tag: ~\n", {{{"image", "tag"}, "~"}}, ""),
                  Error);
  // Keys that are collections or nulls match no key of a path, and do not derail the walk.
  CHECK_NOTHROW(yaml_cpp_check_edits(before, "? [a, b]\n: {tag: 1}\n~: 2\nimage: {tag: v}\n",
                                     {{{"image", "tag"}, "v"}}, ""));
  // A duplicate key: yaml-cpp's first one counts.
  CHECK_THROWS_AS(yaml_cpp_check_edits(before, "image: {tag: a}\nimage: {tag: b}\n",
                                       {{{"image", "tag"}, "b"}}, ""),
                  Error);
}

TEST_CASE("a path through an alias is checked on yaml-cpp's tree") {
  using yaml_edit::yaml_cpp_check_edits;
  const std::string text = "base: &b\n  tag: v1\nimage: *b\n";
  CHECK_NOTHROW(yaml_cpp_check_edits(text, text, {{{"image", "tag"}, "v1"}}, ""));
  CHECK_THROWS_AS(yaml_cpp_check_edits(text, text, {{{"image", "tag"}, "v2"}}, ""), Error);
  const std::string scalar = "t: &t v3\nimage:\n  tag: *t\n";
  CHECK_NOTHROW(yaml_cpp_check_edits(scalar, scalar, {{{"image", "tag"}, "v3"}}, ""));
}

TEST_CASE("yaml-cpp failing on the edit is an error unless it fails on the original too") {
  using yaml_edit::yaml_cpp_check_edits;
  const std::string good = "a: 1\n";
  const std::string bad = "x: *nowhere\na: 1\n";  // fails before the edited value
  CHECK_THROWS_WITH_AS(yaml_cpp_check_edits(good, bad, {{{"a"}, "1"}}, "w: "),
                       doctest::Contains("w: yaml-cpp cannot parse"), Error);
  CHECK_NOTHROW(yaml_cpp_check_edits(bad, bad, {{{"a"}, "1"}}, ""));
}
