// Safe lookups into parsed YAML: yaml-cpp throws when indexing through a missing key.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>

namespace gitopsgen {

// Parses `text` (named `source` in errors) as one YAML document; throws Error "source:line: why".
YAML::Node parse_yaml(const std::string& text, const std::string& source);

// The node at `keys` below `node`, or an undefined node when any step is missing or not a map.
YAML::Node yaml_at(const YAML::Node& node, std::initializer_list<const char*> keys);

// The scalar at `keys` below `node` as text, or "" when absent or not a scalar.
std::string yaml_string_at(const YAML::Node& node, std::initializer_list<const char*> keys);

}  // namespace gitopsgen
