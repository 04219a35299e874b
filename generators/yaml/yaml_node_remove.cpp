#include "generators/yaml/yaml_node_remove.hpp"

#include <yaml-cpp/yaml.h>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit_check.hpp"
#include "generators/yaml/yaml_edit_insert.hpp"
#include "generators/yaml/yaml_edit_tree.hpp"
#include "generators/yaml/yaml_json.hpp"
#include "generators/yaml/yaml_node_walk.hpp"

namespace gitopsgen {
namespace {

using namespace yaml_edit;
constexpr auto npos = std::string::npos;

bool is_blank(const std::string& s) {
  return s.find_first_not_of(" \t") == npos;
}

// The bytes [first, stop) that hold the entry or item `found` leads to, checked to be whole lines.
std::pair<std::size_t, std::size_t> node_lines(const std::string& text, const Document& doc,
                                               const Found& found, const std::string& whole) {
  const Node& parent = at(doc, found.parent);
  std::size_t first = 0;
  std::size_t end = npos;
  if (parent.kind == NodeKind::mapping) {
    int key = -1;
    for (std::size_t c = 1; c < parent.children.size(); c += 2)
      if (parent.children[c] == found.node) key = parent.children[c - 1];
    const Node& k = at(doc, key);
    first = line_start(text, k.begin);
    const auto lead = text.substr(first, k.begin - first);
    if (is_item_lead(lead))
      throw Error(whole +
                  "it is the first key of a list item, on the item's '- ' line; edit it by "
                  "hand or remove the whole item");
    if (!is_blank(lead)) throw Error(whole + "its key does not start its own line");
    end = entry_end(text, doc, key, found.node);
  } else {
    const Node& n = at(doc, found.node);
    first = line_start(text, n.begin);
    if (!is_item_lead(text.substr(first, n.begin - first)))
      throw Error(whole + "the item does not start its own line with '- '");
    end = content_end(text, doc, found.node);
    if (end == npos) end = n.begin;
  }
  const auto next_line = after_line(text, end);
  return {first, next_line == npos ? text.size() : next_line};
}

// Throws Error unless every anchor in [first, stop) is used only inside it.
void require_no_outside_aliases(const Document& doc, std::size_t first, std::size_t stop,
                                const std::string& whole) {
  for (const auto& n : doc.nodes) {
    if (n.anchor.empty() || n.uses == 0 || n.begin < first || n.begin >= stop) continue;
    for (const auto& other : doc.nodes) {
      if (other.kind == NodeKind::alias && other.value == n.anchor &&
          (other.begin < first || other.begin >= stop))
        throw Error(whole + "it defines the anchor &" + n.anchor + ", used elsewhere");
    }
  }
}

// `text` whose collection at `path`, now written as nothing, reads as `{}` or `[]` again.
std::string write_empty(const std::string& text, const YamlNodePath& path, bool mapping,
                        const std::string& whole) {
  const auto doc = scan_document(text);
  if (path.empty()) {  // the document's last key: `{}` keeps it a mapping, as Helm wants values
    const bool ends_line = text.empty() || text.back() == '\n';
    return text + (ends_line ? "" : doc.eol) + (mapping ? "{}" : "[]") + doc.eol;
  }
  const auto found = walk(doc, path, whole);
  if (found.node < 0 || found.parent < 0) throw Error("internal: " + whole + "lost its parent");
  const Node& holder = at(doc, found.parent);
  if (holder.kind != NodeKind::mapping)
    throw Error(whole + "the list item holding it would be left empty; remove the item instead");
  int key = -1;
  for (std::size_t c = 1; c < holder.children.size(); c += 2)
    if (holder.children[c] == found.node) key = holder.children[c - 1];
  YamlKeyPath keys;
  for (const auto& step : path)
    keys.push_back(std::holds_alternative<std::string>(step)
                       ? std::get<std::string>(step)
                       : std::to_string(std::get<std::size_t>(step)));
  return apply_splice(
      text, fill_empty_value(text, doc, key, found.node, mapping ? "{}" : "[]", false, keys));
}

// `root` (yaml-cpp's tree of the text before) with the node at `path` taken out.
void remove_in_tree(YAML::Node root, const YamlNodePath& path) {
  auto holder = yaml_cpp_at(root, prefix(path, path.size() - 1));
  if (const auto* key = std::get_if<std::string>(&path.back())) {
    holder.remove(*key);
    return;
  }
  YAML::Node rest(YAML::NodeType::Sequence);
  for (std::size_t i = 0; i < holder.size(); ++i)
    if (i != std::get<std::size_t>(path.back())) rest.push_back(holder[i]);
  holder = rest;
}

// `node` as JSON text: what a reader sees, whatever the style it is written in.
std::string emitted(const YAML::Node& node) {
  return to_json(yaml_to_json(node));
}

// Belt and braces: yaml-cpp reads `after` as `before` without the node at `path`, and libyaml
// finds one entry fewer where it was.
void verify_removal(const std::string& before, const std::string& after, const YamlNodePath& path,
                    std::size_t children_before) {
  const auto what = "internal: removing " + node_path_text(path) + " produced YAML that ";
  const auto doc = scan_document(after);
  const auto holder = walk(doc, prefix(path, path.size() - 1), "");
  const auto left = holder.node < 0 ? 0 : at(doc, holder.node).children.size();
  const auto step = std::holds_alternative<std::string>(path.back()) ? 2u : 1u;
  if (left + step != children_before) throw Error(what + "does not hold one entry fewer");
  const auto read = yaml_cpp_cross_load(before, after, what);
  if (!read) return;  // yaml-cpp could not read the original either: libyaml's word stands
  auto expected = YAML::Load(before);
  remove_in_tree(expected, path);
  if (emitted(expected) != emitted(*read)) throw Error(what + "yaml-cpp reads differently");
}

}  // namespace

std::string yaml_remove_node(const std::string& text, const YamlNodePath& path) {
  const auto whole = "cannot remove " + node_path_text(path) + ": ";
  if (path.empty()) throw Error(whole + "it is the whole document");
  const auto doc = scan_document(text);
  const auto found = walk(doc, path, whole);
  if (found.node < 0) return text;
  const Node& parent = at(doc, found.parent);
  if (parent.flow)
    throw Error(whole + node_path_text(prefix(path, path.size() - 1)) +
                " is written in flow style; edit it by hand");
  if (at(doc, found.node).uses > 0)
    throw Error(whole + "it is anchored (&" + at(doc, found.node).anchor +
                ") and used elsewhere; edit it by hand");
  const auto [first, stop] = node_lines(text, doc, found, whole);
  require_no_outside_aliases(doc, first, stop, whole);
  auto out = text.substr(0, first) + text.substr(stop);
  const auto step = parent.kind == NodeKind::mapping ? 2u : 1u;
  if (parent.children.size() == step)
    out = write_empty(out, prefix(path, path.size() - 1), parent.kind == NodeKind::mapping, whole);
  verify_removal(text, out, path, parent.children.size());
  return out;
}

}  // namespace gitopsgen
