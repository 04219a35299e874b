// Emitting strings as YAML scalars that every YAML 1.1 and 1.2 reader reads back unchanged.
#pragma once

#include <string>
#include <string_view>

namespace gitopsgen {

// True when `text` written as a plain (unquoted) scalar reads back as the same string in
// YAML 1.1 (Helm, PyYAML) and YAML 1.2 (yaml-cpp) alike.
bool is_safe_plain_scalar(std::string_view text);

// `text` as a double-quoted YAML scalar, every special or non-printable character escaped.
std::string double_quoted(std::string_view text);

// `text` as a plain scalar when that is safe, otherwise double-quoted.
std::string yaml_scalar(std::string_view text);

}  // namespace gitopsgen
