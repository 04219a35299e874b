// Internal to the YAML editor: a string written as a one-line scalar, keeping a style when safe.
#pragma once

#include <string>
#include <string_view>

#include "generators/yaml/yaml_edit_tree.hpp"

namespace gitopsgen::yaml_edit {

// True when `text` is valid UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool is_utf8(std::string_view text);

// `text` double-quoted, with the code points a YAML reader folds or refuses when raw (C1
// controls, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF) escaped as \uXXXX.
std::string quoted_scalar(std::string_view text);

// `text` plain when every YAML 1.1 and 1.2 reader reads it back unchanged (inside a flow
// collection too when `flow`), otherwise quoted_scalar.
std::string plain_or_quoted(std::string_view text, bool flow);

// `text` single-quoted, or quoted_scalar when single quotes cannot hold it on one line.
std::string single_or_double_quoted(std::string_view text);

// `text` as one line replacing a scalar written in `style`: that style where it is safe, plain
// only when plain is safe, block scalars double-quoted.
std::string scalar_in_style(std::string_view text, ScalarStyle style, bool flow);

}  // namespace gitopsgen::yaml_edit
