// The editor's name for the style of a libyaml scalar event.
#pragma once

#include <yaml.h>

#include "generators/yaml/yaml_edit_tree.hpp"

namespace gitopsgen::yaml_edit {

// The ScalarStyle of libyaml's `style` (plain for any style libyaml leaves unnamed).
inline ScalarStyle style_of(yaml_scalar_style_t style) {
  switch (style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      return ScalarStyle::single_quoted;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      return ScalarStyle::double_quoted;
    case YAML_LITERAL_SCALAR_STYLE:
      return ScalarStyle::literal;
    case YAML_FOLDED_SCALAR_STYLE:
      return ScalarStyle::folded;
    default:
      return ScalarStyle::plain;
  }
}

}  // namespace gitopsgen::yaml_edit
