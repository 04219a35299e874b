// A YAML node as the JSON value Helm reads it as (for `get -o json`).
#pragma once

#include <yaml-cpp/yaml.h>

#include "generators/yaml/json_value.hpp"

namespace gitopsgen {

// `node` as JSON, each plain scalar typed as Helm's YAML reader (sigs.k8s.io/yaml on go-yaml)
// types it: null, a boolean (YAML 1.1's yes/no/on/off included), an integer, a number, or a
// string; a quoted or tagged `!!str` scalar is always a string, mapping keys are strings; throws
// Error when a mapping key is not a scalar.
JsonValue yaml_to_json(const YAML::Node& node);

}  // namespace gitopsgen
