// Byte-exact removal of one mapping entry or one sequence item from a YAML text.
#pragma once

#include <string>

#include "generators/yaml/yaml_node_edit.hpp"

namespace gitopsgen {

// `text` without the block entry or item at `path`: its lines from the start of its key's (or
// dash's) line to the end of its last content line, a comment on that line included; comments
// above it and every other byte stay. A collection left empty is written `{}` or `[]` (an empty
// value would read as null, and Helm would drop the chart's defaults there). `text` unchanged
// when `path` is missing; throws Error (one line) when the node is written in flow style, does
// not start its own line, or is an alias or an anchor used elsewhere.
std::string yaml_remove_node(const std::string& text, const YamlNodePath& path);

}  // namespace gitopsgen
