#include "generators/yaml/yaml_node_walk.hpp"

#include <utility>

#include "generators/error.hpp"
#include "generators/yaml/yaml_edit_check.hpp"

namespace gitopsgen::yaml_edit {
namespace {
constexpr auto npos = std::string::npos;
}  // namespace

const Node& at(const Document& doc, int index) {
  return doc.nodes[static_cast<std::size_t>(index)];
}

YamlNodePath prefix(const YamlNodePath& path, std::size_t count) {
  return YamlNodePath(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(count));
}

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

void verify_node(const std::string& before, const std::string& after, const YamlNodePath& path,
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

bool is_item_lead(const std::string& lead) {
  const auto dash = lead.find_first_not_of(" \t");
  return dash != npos && lead[dash] == '-' && dash + 1 < lead.size() &&
         lead.find_first_not_of(" \t", dash + 1) == npos;
}

}  // namespace gitopsgen::yaml_edit
