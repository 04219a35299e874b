// Internal to the YAML editor: walking a node path through a scanned document, and the checks
// every edit reached that way shares.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>

#include "generators/yaml/yaml_edit_tree.hpp"
#include "generators/yaml/yaml_node_edit.hpp"

namespace gitopsgen::yaml_edit {

// The node at `index` of `doc`.
const Node& at(const Document& doc, int index);

// The first `count` steps of `path`.
YamlNodePath prefix(const YamlNodePath& path, std::size_t count);

// Where a path leads: the node (-1 when a step is missing) and the collection holding it.
struct Found {
  int node = -1;
  int parent = -1;
};

// Walks `path`. For an edit (`whole` set, the start of every message) it refuses aliases,
// anchored nodes used elsewhere and duplicate keys on the way, since an edit there would change
// more than the one node.
Found walk(const Document& doc, const YamlNodePath& path, const std::string& whole);

// The scalar node at the end of an edit's walk, checked to be one a one-line value may replace.
const Node& editable_scalar(const Document& doc, const Found& found, const YamlNodePath& path,
                            const std::string& whole);

// The yaml-cpp node at `path` below `node`, or an undefined node.
YAML::Node yaml_cpp_at(YAML::Node node, const YamlNodePath& path);

// Throws Error unless libyaml and yaml-cpp both read `value` at `path` in `after`.
void verify_node(const std::string& before, const std::string& after, const YamlNodePath& path,
                 const std::string& value);

// The first byte of the line holding `pos`.
std::size_t line_start(const std::string& text, std::size_t pos);

// True when `lead` is indentation, a dash and spaces: the item starts its own line.
bool is_item_lead(const std::string& lead);

}  // namespace gitopsgen::yaml_edit
