#include "generators/yaml/yaml_node_edit.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit.hpp"
#include "generators/yaml/yaml_edit_check.hpp"
#include "generators/yaml/yaml_edit_format.hpp"
#include "generators/yaml/yaml_edit_insert.hpp"
#include "generators/yaml/yaml_edit_tree.hpp"

namespace gitopsgen {
namespace {

using namespace yaml_edit;
constexpr auto npos = std::string::npos;

const Node& at(const Document& doc, int index) {
  return doc.nodes[static_cast<std::size_t>(index)];
}

YamlNodePath prefix(const YamlNodePath& path, std::size_t count) {
  return YamlNodePath(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(count));
}

// Where a path leads: the node (-1 when a step is missing) and the collection holding it.
struct Found {
  int node = -1;
  int parent = -1;
};

// Walks `path`. For an edit (`whole` set) it refuses aliases, anchored nodes used elsewhere and
// duplicate keys on the way, since an edit there would change more than the one scalar.
Found walk(const Document& doc, const YamlNodePath& path, const std::string& whole) {
  const bool for_edit = !whole.empty();
  Found found{doc.root, -1};
  for (std::size_t i = 0; i < path.size() && found.node >= 0; ++i) {
    int index = found.node;
    if (at(doc, index).kind == NodeKind::alias) {
      if (for_edit)
        throw Error(whole + node_path_text(prefix(path, i)) +
                    " is an alias; edit the anchored node by hand");
      while (at(doc, index).kind == NodeKind::alias) index = at(doc, index).target;
    }
    const Node& node = at(doc, index);
    if (for_edit && node.uses > 0)
      throw Error(whole + node_path_text(prefix(path, i)) + " is anchored (&" + node.anchor +
                  ") and used elsewhere; edit it by hand");
    int next = -1;
    if (const auto* key = std::get_if<std::string>(&path[i])) {
      if (node.kind != NodeKind::mapping) {
        if (is_null_scalar(node)) return {-1, index};
        throw Error(whole + node_path_text(prefix(path, i)) + " is not a mapping");
      }
      for (std::size_t c = 0; c + 1 < node.children.size(); c += 2) {
        int k = node.children[c];
        while (at(doc, k).kind == NodeKind::alias) k = at(doc, k).target;
        if (at(doc, k).kind != NodeKind::scalar || at(doc, k).value != *key) continue;
        if (next >= 0)
          throw Error(whole + "YAML defines " + node_path_text(prefix(path, i + 1)) + " twice");
        next = node.children[c + 1];
      }
    } else {
      const auto item = std::get<std::size_t>(path[i]);
      if (node.kind != NodeKind::sequence) {
        if (is_null_scalar(node)) return {-1, index};
        throw Error(whole + node_path_text(prefix(path, i)) + " is not a sequence");
      }
      if (item < node.children.size()) next = node.children[item];
    }
    found = {next, index};
  }
  return found;
}

// The scalar node at the end of an edit's walk, checked to be one a one-line value may replace.
const Node& editable_scalar(const Document& doc, const Found& found, const YamlNodePath& path,
                            const std::string& whole) {
  if (found.node < 0) throw Error(whole + node_path_text(path) + " is missing");
  const Node& n = at(doc, found.node);
  const std::string core = "tag:yaml.org,2002:";
  if (n.kind != NodeKind::scalar) throw Error(whole + node_path_text(path) + " is not a scalar");
  if (n.uses > 0)
    throw Error(whole + node_path_text(path) + " is anchored (&" + n.anchor +
                ") and used elsewhere; edit it by hand");
  if (!n.has_token) throw Error(whole + node_path_text(path) + " is empty; edit it by hand");
  if (n.style == ScalarStyle::literal || n.style == ScalarStyle::folded)
    throw Error(whole + node_path_text(path) + " is a block scalar; edit it by hand");
  if (n.tag.rfind(core, 0) == 0 && n.tag != core + "str")
    throw Error(whole + node_path_text(path) + " is tagged " + n.tag);
  return n;
}

// The yaml-cpp node at `path` below `node`, or an undefined node.
YAML::Node yaml_cpp_at(YAML::Node node, const YamlNodePath& path) {
  for (const auto& step : path) {
    YAML::Node next;
    if (const auto* key = std::get_if<std::string>(&step)) {
      if (node.IsMap()) next.reset(std::as_const(node)[*key]);
    } else if (node.IsSequence() && std::get<std::size_t>(step) < node.size()) {
      next.reset(std::as_const(node)[std::get<std::size_t>(step)]);
    }
    if (!next.IsDefined()) return YAML::Node(YAML::NodeType::Undefined);
    node.reset(next);
  }
  return node;
}

// Belt and braces: libyaml and yaml-cpp must both read `value` at `path` in the edited text.
void verify(const std::string& before, const std::string& after, const YamlNodePath& path,
            const std::string& value) {
  const auto what = "internal: editing " + node_path_text(path) + " produced YAML that ";
  if (yaml_read_node(after, path) != value) throw Error(what + "does not read back");
  const auto root = yaml_edit::yaml_cpp_cross_load(before, after, what);
  if (!root) return;  // yaml-cpp could not read the original either: libyaml's word stands
  const auto node = yaml_cpp_at(*root, path);
  if (!node.IsScalar() || node.Scalar() != value) throw Error(what + "yaml-cpp reads differently");
}

std::size_t line_start(const std::string& text, std::size_t pos) {
  if (pos == 0) return 0;
  const auto brk = text.rfind('\n', pos - 1);
  return brk == npos ? 0 : brk + 1;
}

// True when `lead` is indentation, a dash and spaces: the item starts its own line.
bool is_item_lead(const std::string& lead) {
  const auto dash = lead.find_first_not_of(" \t");
  return dash != npos && lead[dash] == '-' && dash + 1 < lead.size() &&
         lead.find_first_not_of(" \t", dash + 1) == npos;
}

}  // namespace

std::string node_path_text(const YamlNodePath& path) {
  std::string out;
  for (const auto& step : path) {
    if (const auto* key = std::get_if<std::string>(&step))
      out += (out.empty() ? "" : ".") + *key;
    else
      out += "[" + std::to_string(std::get<std::size_t>(step)) + "]";
  }
  return out.empty() ? "the document root" : out;
}

std::optional<std::string> yaml_read_node(const std::string& text, const YamlNodePath& path) {
  const auto doc = scan_document(text);
  auto found = walk(doc, path, "");
  if (found.node < 0) return std::nullopt;
  while (at(doc, found.node).kind == NodeKind::alias) found.node = at(doc, found.node).target;
  if (at(doc, found.node).kind != NodeKind::scalar)
    throw Error(node_path_text(path) + " is not a scalar");
  return at(doc, found.node).value;
}

std::string yaml_set_node(const std::string& text, const YamlNodePath& path,
                          const std::string& value) {
  if (std::all_of(path.begin(), path.end(), [](const YamlNodeStep& s) { return s.index() == 0; })) {
    YamlKeyPath keys;
    for (const auto& step : path) keys.push_back(std::get<std::string>(step));
    return yaml_set_scalar(text, keys, value);
  }
  const auto whole = "cannot set " + node_path_text(path) + ": ";
  if (!is_utf8(value)) throw Error(whole + "the value is not valid UTF-8");
  const auto doc = scan_document(text);
  const auto found = walk(doc, path, whole);
  const Node& n = editable_scalar(doc, found, path, whole);
  const bool flow = at(doc, found.parent).flow;
  auto out = apply_splice(text, {n.token_begin, n.end, scalar_in_style(value, n.style, flow)});
  verify(text, out, path, value);
  return out;
}

std::string yaml_copy_sequence_item(const std::string& text, const YamlNodePath& item,
                                    ItemPlacement placement, const std::vector<ItemEdit>& edits) {
  if (item.empty() || item.back().index() != 1)
    throw Error("internal: a sequence item's path must end with an index");
  const auto whole = "cannot copy " + node_path_text(item) + ": ";
  const auto doc = scan_document(text);
  const auto found = walk(doc, item, whole);
  if (found.node < 0) throw Error(whole + "it is missing");
  const Node& sequence = at(doc, found.parent);
  if (sequence.flow) throw Error(whole + "the sequence is written in flow style; edit it by hand");
  const Node& n = at(doc, found.node);
  const auto first = line_start(text, n.begin);
  if (!is_item_lead(text.substr(first, n.begin - first)))
    throw Error(whole + "the item does not start its own line with '- '");
  auto end = content_end(text, doc, found.node);
  if (end == npos) end = n.end;
  const auto next_line = after_line(text, end);
  const auto stop = next_line == npos ? text.size() : next_line;
  for (const auto& other : doc.nodes) {
    if (!other.anchor.empty() && other.begin >= n.begin && other.begin < stop)
      throw Error(whole + "it defines the anchor &" + other.anchor + ", which a copy would repeat");
  }

  auto copy = text.substr(first, stop - first);
  std::vector<Splice> splices;
  for (const auto& [relative, value] : edits) {
    auto path = item;
    path.insert(path.end(), relative.begin(), relative.end());
    if (!is_utf8(value))
      throw Error(whole + "the value of " + node_path_text(path) + " is not UTF-8");
    const auto target = walk(doc, path, whole);
    const Node& s = editable_scalar(doc, target, path, whole);
    if (s.token_begin < first || s.end > stop) throw Error("internal: " + whole + "scalar outside");
    splices.push_back({s.token_begin - first, s.end - first,
                       scalar_in_style(value, s.style, at(doc, target.parent).flow)});
  }
  std::sort(splices.begin(), splices.end(),
            [](const Splice& a, const Splice& b) { return a.begin > b.begin; });
  for (const auto& s : splices) copy = apply_splice(copy, s);

  std::string out;
  if (placement == ItemPlacement::before) {
    if (copy.back() != '\n') copy += doc.eol;
    out = text.substr(0, first) + copy + text.substr(first);
  } else if (next_line == npos) {
    out = text + doc.eol + copy;  // the item ends the text: keep it ending without a line break
  } else {
    out = text.substr(0, stop) + copy + text.substr(stop);
  }

  // The sequence holds one more item; the copy reads back every edit.
  auto copied = item;
  if (placement == ItemPlacement::after) copied.back() = std::get<std::size_t>(item.back()) + 1;
  const auto after_doc = scan_document(out);
  const auto seq_after = walk(after_doc, prefix(item, item.size() - 1), "");
  if (seq_after.node < 0 ||
      at(after_doc, seq_after.node).children.size() != sequence.children.size() + 1)
    throw Error("internal: " + whole + "the sequence did not gain exactly one item");
  for (const auto& [relative, value] : edits) {
    auto path = copied;
    path.insert(path.end(), relative.begin(), relative.end());
    verify(text, out, path, value);
  }
  return out;
}

}  // namespace gitopsgen
