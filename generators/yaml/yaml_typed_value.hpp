// Values given on a command line, written as the YAML type Helm reads them as.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "generators/yaml/yaml_edit.hpp"
#include "generators/yaml/yaml_node_edit.hpp"

namespace gitopsgen {

// The plain YAML token for `value` when Helm (sigs.k8s.io/yaml) and yaml-cpp both read it as the
// same non-string type: an integer, a decimal float, true/false or null; nothing for a string
// (yes/no/on/off included: they are written quoted, so they stay strings for every reader).
std::optional<std::string> typed_plain_token(std::string_view value);

// The type name of `token` as typed_plain_token gives it: integer, number, boolean or null.
std::string typed_token_kind(std::string_view token);

// `text` with the scalar at `path` set to the plain token `token` (as typed_plain_token gives
// it), every other byte unchanged; a missing key is inserted as yaml_set_scalar does; throws
// Error when it cannot be done safely.
std::string yaml_set_plain_token(const std::string& text, const YamlKeyPath& path,
                                 const std::string& token);

// `text` with the scalar at `path`, whose steps may go into sequences, set to the plain token
// `token`, every other byte unchanged; a path of keys only goes to yaml_set_plain_token, any
// other must lead to an existing scalar; throws Error as yaml_set_node does.
std::string yaml_set_node_plain_token(const std::string& text, const YamlNodePath& path,
                                      const std::string& token);

}  // namespace gitopsgen
