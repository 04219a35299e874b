// Internal to the YAML editors: cross-checking an edit with a second reader, yaml-cpp.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "generators/yaml/yaml_edit.hpp"

namespace gitopsgen::yaml_edit {

// yaml-cpp's reading of `after`, which an edit of `before` produced; nothing when yaml-cpp cannot
// read `before` either (libyaml's reading then stands alone); throws Error `what` plus the reason
// when yaml-cpp reads `before` but not `after`.
std::optional<YAML::Node> yaml_cpp_cross_load(const std::string& before, const std::string& after,
                                              const std::string& what);

// Throws Error `what` plus the reason unless yaml-cpp reads each edit's value as a scalar at its
// path in `after` (the last edit of a path wins), which edits of `before` produced; skipped when
// yaml-cpp cannot read `before` either. Reads yaml-cpp's events only up to the last edited value
// and builds no node tree; a path through an alias is checked on yaml_cpp_cross_load's tree.
void yaml_cpp_check_edits(const std::string& before, const std::string& after,
                          const std::vector<YamlScalarEdit>& edits, const std::string& what);

}  // namespace gitopsgen::yaml_edit
