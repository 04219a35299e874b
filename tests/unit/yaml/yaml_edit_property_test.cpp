// Every corpus file, many paths, many values: an edit changes exactly one value and no other byte.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit.hpp"

using gitopsgen::YamlKeyPath;

namespace {

namespace fs = std::filesystem;

fs::path corpus_dir() {
  return fs::path(__FILE__).parent_path().parent_path().parent_path() / "fixtures" / "yaml-corpus";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A parsed YAML node, comparable, aliases expanded, tags ignored.
struct Tree {
  enum class Kind { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  std::string scalar;
  std::vector<std::string> keys;  // mapping
  std::vector<Tree> children;     // mapping: the values, in key order; sequence: the items
  bool operator==(const Tree&) const = default;
};

Tree tree_of(const YAML::Node& node) {
  Tree t;
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      t.kind = Tree::Kind::scalar;
      t.scalar = node.Scalar();
      break;
    case YAML::NodeType::Sequence:
      t.kind = Tree::Kind::sequence;
      for (const auto& item : node) t.children.push_back(tree_of(item));
      break;
    case YAML::NodeType::Map:
      t.kind = Tree::Kind::mapping;
      for (const auto& entry : node) {
        t.keys.push_back(entry.first.IsScalar() ? entry.first.Scalar() : YAML::Dump(entry.first));
        t.children.push_back(tree_of(entry.second));
      }
      break;
    default:
      break;
  }
  return t;
}

std::vector<Tree> documents_of(const std::string& text) {
  std::vector<Tree> out;
  for (const auto& doc : YAML::LoadAll(text)) out.push_back(tree_of(doc));
  if (out.empty()) out.emplace_back();
  return out;
}

// `tree` with `path` set to the string `value`, missing mappings created, a null made a mapping.
void set_in(Tree& tree, const YamlKeyPath& path, std::size_t depth, const std::string& value) {
  if (depth == path.size()) {
    tree = Tree{Tree::Kind::scalar, value, {}, {}};
    return;
  }
  if (tree.kind == Tree::Kind::null) tree.kind = Tree::Kind::mapping;
  const auto found = std::find(tree.keys.begin(), tree.keys.end(), path[depth]);
  if (found != tree.keys.end()) {
    set_in(tree.children[static_cast<std::size_t>(found - tree.keys.begin())], path, depth + 1,
           value);
    return;
  }
  tree.keys.push_back(path[depth]);
  tree.children.emplace_back();
  set_in(tree.children.back(), path, depth + 1, value);
}

// Paths, through mappings only, to every scalar (`scalars`) and every mapping or null.
void collect(const Tree& tree, YamlKeyPath& at, std::vector<YamlKeyPath>& scalars,
             std::vector<YamlKeyPath>& parents) {
  if (tree.kind == Tree::Kind::mapping) {
    parents.push_back(at);
    for (std::size_t i = 0; i < tree.keys.size(); ++i) {
      at.push_back(tree.keys[i]);
      collect(tree.children[i], at, scalars, parents);
      at.pop_back();
    }
  } else if (tree.kind == Tree::Kind::scalar) {
    scalars.push_back(at);
  } else if (tree.kind == Tree::Kind::null && !at.empty()) {
    scalars.push_back(at);
    parents.push_back(at);
  }
}

// True when some line of `text` ends in a bare LF rather than CRLF.
bool has_bare_lf(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) return true;
  }
  return false;
}

std::size_t lines_of(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// True when `after` is `before` with bytes inserted at one place and nothing else changed.
bool is_pure_insertion(const std::string& before, const std::string& after) {
  if (after.size() < before.size()) return false;
  std::size_t prefix = 0;
  while (prefix < before.size() && before[prefix] == after[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (prefix + suffix < before.size() &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
    ++suffix;
  return prefix + suffix == before.size();
}

// True when `after` is before[0, begin) + one line of text + before[end, …).
bool is_one_line_replacement(const std::string& before, const std::string& after, std::size_t begin,
                             std::size_t end) {
  const auto tail = before.size() - end;
  if (after.size() < begin + tail) return false;
  if (after.compare(0, begin, before, 0, begin) != 0) return false;
  if (after.compare(after.size() - tail, tail, before, end, tail) != 0) return false;
  const auto middle = after.substr(begin, after.size() - tail - begin);
  return middle.find_first_of("\r\n") == std::string::npos;
}

const std::vector<std::string> kValues = {
    "1.2.3", "v2.0.0-rc.1", "1.10",       "yes",         "null",      "012",     "#x",
    "a: b",  "it's",        "say \"hi\"", "back\\slash", "ünïcødé ✓", "",        "a,b",
    "~",     "-dash",       " lead",      "line\nbreak", "tab\there", "[x]",     "1e3",
    "NO",    "sha256:abc",  "日本",       "@at",         "a #b",      "&anchor", "{y}"};

// Errors the editor may raise on purpose for corpus paths; anything else is a failure.
bool is_deliberate_refusal(const std::string& message) {
  return message.find("anchored") != std::string::npos ||
         message.find("alias") != std::string::npos ||
         message.find("merge key") != std::string::npos;
}

// True when `path` names something in `text`, or cannot be read at all.
bool is_there(const std::string& text, const YamlKeyPath& path) {
  try {
    return gitopsgen::yaml_read_scalar(text, path).has_value();
  } catch (const gitopsgen::Error&) {
    return true;
  }
}

struct Tally {
  int edits = 0;
  int refused = 0;
  int replacements = 0;
  int insertions = 0;
};

void check_edit(const std::string& file, const std::string& text, const std::vector<Tree>& docs,
                const YamlKeyPath& path, const std::string& value, bool existing, Tally& tally) {
  std::string joined;
  for (const auto& key : path) joined += "/" + key;
  CAPTURE(file);
  CAPTURE(joined);
  CAPTURE(value);
  ++tally.edits;
  std::string after;
  std::optional<gitopsgen::YamlSpan> span;
  try {
    span = gitopsgen::yaml_scalar_span(text, path);
    after = gitopsgen::yaml_set_scalar(text, path, value);
  } catch (const gitopsgen::Error& e) {
    CAPTURE(e.what());
    CHECK(is_deliberate_refusal(e.what()));
    ++tally.refused;
    return;
  }
  CHECK(span.has_value() == existing);
  // (a) The first document reads as before with exactly this value changed or added, and every
  // later document as before.
  auto expected = docs;
  set_in(expected[0], path, 0, value);
  CHECK(documents_of(after) == expected);
  CHECK(gitopsgen::yaml_read_scalar(after, path) == value);
  if (lines_of(text) > 0 && !has_bare_lf(text)) CHECK_FALSE(has_bare_lf(after));  // CRLF kept
  if (span) {
    // (b) Only the scalar's own bytes changed, for one line; (c) its lines, and no others, went.
    ++tally.replacements;
    CHECK(is_one_line_replacement(text, after, span->begin, span->end));
    const auto removed = text.substr(span->begin, span->end - span->begin);
    CHECK(lines_of(after) == lines_of(text) - lines_of(removed));
    return;
  }
  // (b) Every original byte kept: an insertion, or a null parent (`~`) turned into a mapping.
  ++tally.insertions;
  bool kept = is_pure_insertion(text, after);
  for (std::size_t depth = path.size() - 1; !kept && depth > 0; --depth) {
    const YamlKeyPath parent(path.begin(), path.begin() + static_cast<long>(depth));
    const auto null = gitopsgen::yaml_scalar_span(text, parent);
    if (!null || null->begin == null->end) continue;
    auto cut = null->begin;
    while (cut > 0 && std::string(" \t\r\n").find(text[cut - 1]) != std::string::npos) --cut;
    kept = is_pure_insertion(text.substr(0, cut) + text.substr(null->end), after) ||
           is_one_line_replacement(text, after, null->begin, null->end);
  }
  CHECK(kept);
  // (c) At most one new line per new key.
  CHECK(lines_of(after) >= lines_of(text));
  CHECK(lines_of(after) <= lines_of(text) + path.size());
}

}  // namespace

// The corpus file `name` with the first `from` replaced by `to`.
std::string fixture_with(const std::string& name, const std::string& from, const std::string& to) {
  auto text = read_file(corpus_dir() / name);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_CASE("corpus: release edits of the guide-like files, byte for byte") {
  const auto read = [](const std::string& name) { return read_file(corpus_dir() / name); };
  CHECK(gitopsgen::yaml_set_scalar(read("guide-service-a.yaml"), {"image", "tag"}, "1.0.1") ==
        fixture_with("guide-service-a.yaml", "tag: \"1.0.0\"", "tag: \"1.0.1\""));
  CHECK(gitopsgen::yaml_set_scalar(read("crlf.yaml"), {"image", "tag"}, "2.0.0") ==
        fixture_with("crlf.yaml", "tag: \"1.0.0\"", "tag: \"2.0.0\""));
  CHECK(gitopsgen::yaml_set_scalar(read("no-final-newline.yaml"), {"replicaCount"}, "4") ==
        fixture_with("no-final-newline.yaml", "replicaCount: 3", "replicaCount: \"4\""));
  CHECK(gitopsgen::yaml_set_scalar(read("tabs-and-spacing.yaml"), {"image", "tag"}, "1.10") ==
        fixture_with("tabs-and-spacing.yaml", "'1.0.0'", "'1.10'"));
  CHECK(gitopsgen::yaml_set_scalar(read("missing-tag.yaml"), {"image", "tag"}, "1.2.0") ==
        fixture_with("missing-tag.yaml", "  pullPolicy: IfNotPresent\n",
                     "  pullPolicy: IfNotPresent\n  tag: 1.2.0\n"));
  CHECK(gitopsgen::yaml_set_scalar(read("missing-image.yaml"), {"image", "tag"}, "1.2.0") ==
        fixture_with("missing-image.yaml", "  targetPort: 8080  # app port\n",
                     "  targetPort: 8080  # app port\nimage:\n  tag: 1.2.0\n"));
  CHECK(gitopsgen::yaml_set_scalar(read("indent-4.yaml"), {"image", "digest", "sha"}, "abc") ==
        fixture_with("indent-4.yaml", "    tag: 1.0.0\n",
                     "    tag: 1.0.0\n    digest:\n        sha: abc\n"));
  CHECK(gitopsgen::yaml_set_scalar(read("multi-document.yaml"), {"image", "tag"}, "1.1.0") ==
        fixture_with("multi-document.yaml", "tag: 1.0.0", "tag: 1.1.0"));
  CHECK(gitopsgen::yaml_set_scalar(read("quoted-keys.yaml"), {"image", "tag"}, "1.1.0") ==
        fixture_with("quoted-keys.yaml", "'tag': '1.0.0'", "'tag': '1.1.0'"));
  CHECK(gitopsgen::yaml_set_scalar(read("unicode.yaml"), {"image", "tag"}, "1.1.0") ==
        fixture_with("unicode.yaml", "tag: 1.0.0  # versión", "tag: 1.1.0  # versión"));
  CHECK(gitopsgen::yaml_set_scalar(read("anchors-aliases.yaml"), {"image", "tag"}, "1.1.0") ==
        fixture_with("anchors-aliases.yaml", "tag: *version", "tag: 1.1.0"));
  CHECK(gitopsgen::yaml_set_scalar(read("flow-mappings.yaml"), {"image", "tag"}, "1.1.0") ==
        fixture_with("flow-mappings.yaml", "tag: \"1.0\"", "tag: \"1.1.0\""));
}

TEST_CASE("property: corpus edits change one value and keep every other byte") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(corpus_dir())) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 12);
  std::mt19937 rng(20240611);
  Tally tally;
  for (const auto& path : files) {
    const auto text = read_file(path);
    const auto docs = documents_of(text);
    std::vector<YamlKeyPath> scalars, parents;
    YamlKeyPath at;
    collect(docs[0], at, scalars, parents);
    std::vector<std::pair<YamlKeyPath, bool>> targets;
    for (const auto& p : scalars) targets.emplace_back(p, true);
    for (auto p : parents) {
      p.push_back("gitopsgenNew");
      targets.emplace_back(p, false);
    }
    targets.emplace_back(YamlKeyPath{"image", "tag"}, false);
    targets.emplace_back(YamlKeyPath{"gitopsgenTop", "child", "leaf"}, false);
    for (const auto& [target, existing] : targets) {
      if (!existing && is_there(text, target)) continue;  // image.tag may exist: done above
      for (int i = 0; i < 8; ++i) {
        const auto& value = kValues[rng() % kValues.size()];
        check_edit(path.filename().string(), text, docs, target, value, existing, tally);
      }
    }
  }
  INFO("edits: " << tally.edits << ", replacements: " << tally.replacements
                 << ", insertions: " << tally.insertions << ", refused: " << tally.refused);
  CHECK(tally.replacements > 300);
  CHECK(tally.insertions > 100);
  CHECK(tally.refused * 10 < tally.edits);
}
