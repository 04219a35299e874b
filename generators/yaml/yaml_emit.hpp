// Writing a JSON value tree as a block-style YAML document that reads back to the same data.
#pragma once

#include <string>
#include <string_view>

#include "generators/yaml/json_value.hpp"

namespace gitopsgen {

// `value` as a YAML document (block mappings and sequences, "{}" and "[]" when empty) that YAML
// 1.1 (PyYAML) and 1.2 (yaml-cpp) readers load as exactly the same data: every string that a
// reader would take for something else (`yes`, `1.10`, `null`, `0x1F`, a leading space, `: `,
// ` #`, a non-printable character, ...) is double-quoted, and a multi-line string is a literal
// block scalar when that keeps its bytes, else double-quoted.
std::string to_yaml(const JsonValue& value);

// `text` (valid UTF-8) as a one-line YAML scalar: plain when that reads back as the same string,
// otherwise double-quoted with every character YAML 1.1 or 1.2 could misread escaped.
std::string yaml_inline_string(std::string_view text);

}  // namespace gitopsgen
