#include "generators/yaml/yaml_edit.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <utility>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit_check.hpp"
#include "generators/yaml/yaml_edit_format.hpp"
#include "generators/yaml/yaml_edit_insert.hpp"
#include "generators/yaml/yaml_edit_tree.hpp"
#include "generators/yaml/yaml_guard.hpp"

namespace gitopsgen {
namespace {

using namespace yaml_edit;

const Node& at(const Document& doc, int index) {
  return doc.nodes[static_cast<std::size_t>(index)];
}

std::string kind_name(const Node& node) {
  switch (node.kind) {
    case NodeKind::mapping:
      return "a mapping";
    case NodeKind::sequence:
      return "a sequence";
    case NodeKind::alias:
      return "an alias (*" + node.value + ")";
    case NodeKind::scalar:
      break;
  }
  return "a scalar";
}

// The node an alias refers to, or the node itself.
int resolve(const Document& doc, int index) {
  while (at(doc, index).kind == NodeKind::alias) index = at(doc, index).target;
  return index;
}

// The key and value of `key` in mapping `mapping`, or {-1, -1}; throws when it is there twice.
std::pair<int, int> find_entry(const Document& doc, int mapping, const YamlKeyPath& path,
                               std::size_t depth) {
  std::pair<int, int> found{-1, -1};
  const auto& children = at(doc, mapping).children;
  for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
    const Node& key = at(doc, resolve(doc, children[i]));
    if (key.kind != NodeKind::scalar || key.value != path[depth]) continue;
    if (found.first >= 0) throw Error("YAML defines " + dotted(path, depth + 1) + " twice");
    found = {children[i], children[i + 1]};
  }
  return found;
}

bool has_merge_key(const Document& doc, int mapping) {
  const auto& children = at(doc, mapping).children;
  for (std::size_t i = 0; i < children.size(); i += 2) {
    if (is_merge_key(at(doc, children[i]))) return true;
  }
  return false;
}

// For reading: the value of path[depth] in `mapping`, following `<<` merge keys; -1 when absent.
int lookup(const Document& doc, int mapping, const YamlKeyPath& path, std::size_t depth,
           int nesting = 0) {
  if (nesting > 32) throw Error("YAML merge keys nest too deep at " + dotted(path, depth));
  const auto direct = find_entry(doc, mapping, path, depth).second;
  if (direct >= 0) return direct;
  const auto& children = at(doc, mapping).children;
  for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
    if (!is_merge_key(at(doc, children[i]))) continue;
    const int merged = resolve(doc, children[i + 1]);
    std::vector<int> sources{merged};
    if (at(doc, merged).kind == NodeKind::sequence) sources = at(doc, merged).children;
    for (int source : sources) {
      source = resolve(doc, source);
      if (at(doc, source).kind != NodeKind::mapping) continue;
      const int found = lookup(doc, source, path, depth, nesting + 1);
      if (found >= 0) return found;
    }
  }
  return -1;
}

// Where an edit of `path` lands.
struct Location {
  enum class What { empty_document, missing, under_null, existing };
  What what = What::empty_document;
  int mapping = -1;       // the mapping holding the last key found (missing: lacking the next)
  int key = -1;           // under_null and existing: the key node of the last key found
  int value = -1;         // under_null and existing: its value
  std::size_t depth = 0;  // how many keys of the path exist
};

void refuse_shared(const Document& doc, int index, const YamlKeyPath& path, std::size_t depth) {
  const Node& n = at(doc, index);
  if (n.uses == 0) return;
  const auto subject = depth == path.size() ? std::string("it") : dotted(path, depth);
  throw Error("cannot set " + dotted(path, path.size()) + ": " + subject + " is anchored (&" +
              n.anchor + ") and used elsewhere (*" + n.anchor +
              "); edit the anchored value by hand or replace its aliases first");
}

// Walks `path` for an edit; throws Error where an edit would not be a single, safe change.
Location locate(const Document& doc, const YamlKeyPath& path) {
  const auto whole = "cannot set " + dotted(path, path.size()) + ": ";
  if (doc.root < 0) return {};
  const Node& root = at(doc, doc.root);
  if (root.kind != NodeKind::mapping) {
    if (root.kind == NodeKind::scalar && !root.has_token && is_null_scalar(root)) return {};
    throw Error(whole + "the document's root is " + kind_name(root) + ", not a mapping");
  }
  int mapping = doc.root;
  for (std::size_t i = 0;; ++i) {
    refuse_shared(doc, mapping, path, i);
    const auto [key, value] = find_entry(doc, mapping, path, i);
    if (key < 0) {
      if (has_merge_key(doc, mapping))
        throw Error(whole + dotted(path, i) + " has a merge key (<<); " + path[i] +
                    " may come from it, edit the file by hand");
      return {Location::What::missing, mapping, -1, -1, i};
    }
    if (i + 1 == path.size()) return {Location::What::existing, mapping, key, value, i + 1};
    const Node& n = at(doc, value);
    if (n.kind == NodeKind::mapping) {
      mapping = value;
      continue;
    }
    if (n.kind == NodeKind::alias)
      throw Error(whole + dotted(path, i + 1) + " is " + kind_name(n) +
                  "; edit the anchored node instead");
    if (is_null_scalar(n)) return {Location::What::under_null, mapping, key, value, i + 1};
    throw Error(whole + dotted(path, i + 1) + " is " + kind_name(n) + ", not a mapping");
  }
}

bool is_core_tag_but_str(const std::string& tag) {
  const std::string core = "tag:yaml.org,2002:";
  return tag.rfind(core, 0) == 0 && tag != core + "str";
}

// The splice that sets the existing value at `where` to `value`.
Splice replacement(const std::string& text, const Document& doc, const Location& where,
                   const YamlKeyPath& path, const std::string& value) {
  const auto whole = "cannot set " + dotted(path, path.size()) + ": ";
  const Node& v = at(doc, where.value);
  const bool flow = at(doc, where.mapping).flow;
  if (v.kind == NodeKind::alias) {
    // Only this use of the anchor changes; the anchored node and its other users stay.
    if (at(doc, resolve(doc, where.value)).kind != NodeKind::scalar)
      throw Error(whole + "it is " + kind_name(v) + " of a collection, not a scalar");
    return {v.begin, v.end, plain_or_quoted(value, flow)};
  }
  if (v.kind != NodeKind::scalar) throw Error(whole + "it is " + kind_name(v) + ", not a scalar");
  refuse_shared(doc, where.value, path, path.size());
  if (is_core_tag_but_str(v.tag))
    throw Error(whole + "it is tagged " + v.tag + "; only a string can be written there");
  if (!v.has_token)
    return fill_empty_value(text, doc, where.key, where.value, plain_or_quoted(value, flow), flow,
                            path);
  if (v.style != ScalarStyle::literal && v.style != ScalarStyle::folded)
    return {v.token_begin, v.end, scalar_in_style(value, v.style, flow)};
  // A block scalar becomes one double-quoted line; a comment on its `|` line stays after it.
  const auto end = content_end(text, doc, where.value);
  auto header_end = text.find_first_of("\r\n", v.token_begin);
  if (header_end == std::string::npos || header_end > end) header_end = end;
  const auto hash = text.find('#', v.token_begin);
  auto piece = quoted_scalar(value);
  if (hash < header_end) piece += " " + text.substr(hash, header_end - hash);
  return {v.token_begin, end, piece};
}

}  // namespace

std::optional<YAML::Node> yaml_edit::yaml_cpp_cross_load(const std::string& before,
                                                         const std::string& after,
                                                         const std::string& what) {
  try {
    return yaml_load_guarded(after, "the edited YAML");
  } catch (const YAML::Exception& e) {
    try {
      YAML::Load(before);
    } catch (const YAML::Exception&) {
      return std::nullopt;  // yaml-cpp could not read the original either
    }
    throw Error(what + "yaml-cpp cannot parse (" + e.msg + ")");
  }
}

namespace {

std::optional<std::string> read_in(const Document& doc, const YamlKeyPath& path) {
  if (doc.root < 0) return std::nullopt;
  int node = resolve(doc, doc.root);
  for (std::size_t i = 0; i < path.size(); ++i) {
    const Node& n = at(doc, node);
    if (n.kind != NodeKind::mapping) {
      if (is_null_scalar(n)) return std::nullopt;
      throw Error(dotted(path, i) + " is " + kind_name(n) + ", not a mapping");
    }
    const int value = lookup(doc, node, path, i);
    if (value < 0) return std::nullopt;
    node = resolve(doc, value);
  }
  const Node& n = at(doc, node);
  if (n.kind != NodeKind::scalar)
    throw Error(dotted(path, path.size()) + " is " + kind_name(n) + ", not a scalar");
  return n.value;
}

void check_edit_request(const YamlKeyPath& path, const std::string& value) {
  if (path.empty()) throw Error("cannot set a YAML value at an empty key path");
  if (!is_utf8(value))
    throw Error("cannot set " + dotted(path, path.size()) + ": the value is not valid UTF-8");
}

// `text` (parsed as `doc`) with the scalar at `path` set to `value`, not yet verified.
std::string edit_in(const std::string& text, const Document& doc, const YamlKeyPath& path,
                    const std::string& value) {
  check_edit_request(path, value);
  const auto where = locate(doc, path);
  switch (where.what) {
    case Location::What::empty_document:
      return add_keys_to_empty_document(text, doc, path, value);
    case Location::What::missing:
      return add_keys(text, doc, where.mapping, path, where.depth, value);
    case Location::What::under_null:
      return add_keys_under_null(text, doc, where.mapping, where.key, where.value, path,
                                 where.depth, value);
    case Location::What::existing:
      break;
  }
  return apply_splice(text, replacement(text, doc, where, path, value));
}

// Belt and braces: the edited text must read back every edited value (the last of a path), by
// libyaml over the whole text and by yaml-cpp up to the last edited value (yaml_edit_check.hpp).
void verify(const std::string& before, const std::string& after,
            const std::vector<YamlScalarEdit>& edits) {
  auto what = [](const YamlKeyPath& path) {
    return "internal: setting " + dotted(path, path.size()) + " produced YAML that ";
  };
  Document doc;
  try {
    doc = scan_document(after);
  } catch (const Error& e) {
    throw Error(what(edits.front().path) + "does not read back (" + e.what() + ")");
  }
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const auto& [path, value] = edits[i];
    bool later = false;  // a later edit of the same path decides what it holds
    for (std::size_t j = i + 1; j < edits.size(); ++j) later |= edits[j].path == path;
    if (later) continue;
    std::optional<std::string> got;
    try {
      got = read_in(doc, path);
    } catch (const Error& e) {
      throw Error(what(path) + "does not read back (" + e.what() + ")");
    }
    if (got != value) throw Error(what(path) + (got ? "reads back another value" : "lacks it"));
  }
  yaml_edit::yaml_cpp_check_edits(before, after, edits, what(edits.front().path));
}

}  // namespace

std::optional<std::string> yaml_read_scalar(const std::string& text, const YamlKeyPath& path) {
  return read_in(scan_document(text), path);
}

std::string yaml_set_scalar(const std::string& text, const YamlKeyPath& path,
                            const std::string& value) {
  check_edit_request(path, value);
  const auto out = edit_in(text, scan_document(text), path, value);
  verify(text, out, {{path, value}});
  return out;
}

YamlText::YamlText(std::string text)
    : text_(std::move(text)), doc_(std::make_unique<Document>(scan_document(text_))) {}
YamlText::YamlText(std::string text, YamlGuard& guard)
    : text_(std::move(text)), doc_(std::make_unique<Document>(scan_document(text_, &guard))) {}
YamlText::~YamlText() = default;
YamlText::YamlText(YamlText&&) noexcept = default;
YamlText& YamlText::operator=(YamlText&&) noexcept = default;

std::optional<std::string> YamlText::read_scalar(const YamlKeyPath& path) const {
  return read_in(*doc_, path);
}

namespace {

// A value that is one plain token wherever a plain scalar may stand, in block and flow context
// alike: it starts with a letter or digit and holds only letters, digits and `._/-`.
bool is_token_safe(const std::string& value) {
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (value.empty() || !alnum(value.front())) return false;
  return std::all_of(value.begin(), value.end(), [&](char c) {
    return alnum(c) || c == '.' || c == '_' || c == '/' || c == '-';
  });
}

// The splice of `edit` when its outcome is certain without reading the text back: the scalar there
// is an existing one-line plain token, unanchored, untagged and unaliased, and the value is
// token-safe and written plain, so one plain token replaces another and every other token of the
// text stays as it was. Nothing when any of that does not hold.
std::optional<Splice> token_swap(const std::string& text, const Document& doc,
                                 const YamlScalarEdit& edit) {
  if (!is_token_safe(edit.value)) return std::nullopt;
  Location where;
  try {
    where = locate(doc, edit.path);
  } catch (const Error&) {
    return std::nullopt;  // the careful road says why
  }
  if (where.what != Location::What::existing) return std::nullopt;
  const Node& v = at(doc, where.value);
  if (v.kind != NodeKind::scalar || v.style != ScalarStyle::plain || !v.has_token ||
      !v.anchor.empty() || !v.tag.empty() || v.uses != 0)
    return std::nullopt;
  if (text.find_first_of("\r\n", v.token_begin) < v.end) return std::nullopt;
  auto piece = plain_or_quoted(edit.value, at(doc, where.mapping).flow);
  if (piece != edit.value) return std::nullopt;
  return Splice{v.token_begin, v.end, std::move(piece)};
}

// `text` with every edit made as token swaps on its one parse `doc`, or nothing when any edit is
// not one or two edits name the same path (the careful road then makes and verifies them).
std::optional<std::string> swap_tokens(const std::string& text, const Document& doc,
                                       const std::vector<YamlScalarEdit>& edits) {
  std::vector<Splice> splices;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (edits[j].path == edits[i].path) return std::nullopt;
    auto splice = token_swap(text, doc, edits[i]);
    if (!splice) return std::nullopt;
    splices.push_back(std::move(*splice));
  }
  // Distinct scalars have disjoint tokens: splicing from the end keeps earlier offsets valid.
  std::sort(splices.begin(), splices.end(),
            [](const Splice& a, const Splice& b) { return a.begin > b.begin; });
  std::string out = text;
  for (const auto& s : splices) out.replace(s.begin, s.end - s.begin, s.text);
  return out;
}

}  // namespace

std::string YamlText::with_scalars(const std::vector<YamlScalarEdit>& edits) const {
  if (edits.empty()) return text_;
  for (const auto& edit : edits) check_edit_request(edit.path, edit.value);
  if (auto swapped = swap_tokens(text_, *doc_, edits)) return std::move(*swapped);
  auto out = edit_in(text_, *doc_, edits.front().path, edits.front().value);
  for (std::size_t i = 1; i < edits.size(); ++i)
    out = edit_in(out, scan_document(out), edits[i].path, edits[i].value);
  verify(text_, out, edits);
  return out;
}

std::string yaml_set_integer(const std::string& text, const YamlKeyPath& path, long long value) {
  const auto digits = std::to_string(value);
  auto out = text;
  auto span = yaml_scalar_span(out, path);
  if (!span || span->begin == span->end) {
    // Missing, or written as nothing: let the string editor place the key, then make it a number.
    out = yaml_set_scalar(out, path, digits);
    span = yaml_scalar_span(out, path);
    if (!span) throw Error("internal: " + dotted(path, path.size()) + " was not written");
  }
  out = out.substr(0, span->begin) + digits + out.substr(span->end);
  const auto doc = scan_document(out);
  const auto where = locate(doc, path);
  if (where.what != Location::What::existing || at(doc, where.value).value != digits ||
      at(doc, where.value).style != ScalarStyle::plain)
    throw Error("internal: " + dotted(path, path.size()) + " does not read back as " + digits);
  return out;
}

std::optional<YamlSpan> yaml_scalar_span(const std::string& text, const YamlKeyPath& path) {
  if (path.empty()) throw Error("cannot set a YAML value at an empty key path");
  const auto doc = scan_document(text);
  const auto where = locate(doc, path);
  if (where.what != Location::What::existing) return std::nullopt;
  const auto splice = replacement(text, doc, where, path, "");
  return YamlSpan{splice.begin, splice.end};
}

}  // namespace gitopsgen
