// The shared chart's values.schema.json, as `set` reads it: which keys the chart knows, and the
// type each takes, so that a typo never lands silently.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"
#include "generators/yaml/yaml_node_edit.hpp"

namespace gitopsgen {

// A JSON Schema (draft-07) for a chart's values; reads properties, additionalProperties,
// patternProperties, items, type, enum, local $ref and allOf/anyOf/oneOf.
class ValueSchema {
 public:
  // The schema whose root is `root`, read from `source` (named in messages).
  ValueSchema(YAML::Node root, std::string source);

  // Throws Error naming `key` when the schema has no place for `path` (a key no `properties`,
  // `patternProperties` or `additionalProperties` admits) or refuses, at its end, `value` typed
  // as `token` says (nothing: a string).
  void check(const std::string& key, const YamlNodePath& path, const std::string& value,
             const std::optional<std::string>& token) const;

 private:
  YAML::Node root_;
  std::string source_;
};

// The platform chart's values.schema.json, or nothing when the chart has none; throws Error when
// it does not parse.
std::optional<ValueSchema> read_value_schema(const Workspace& repo,
                                             const PlatformSettings& settings);

}  // namespace gitopsgen
