// Internal to the YAML editors: cross-checking an edit with a second reader, yaml-cpp.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace gitopsgen::yaml_edit {

// yaml-cpp's reading of `after`, which an edit of `before` produced; nothing when yaml-cpp cannot
// read `before` either (libyaml's reading then stands alone); throws Error `what` plus the reason
// when yaml-cpp reads `before` but not `after`.
std::optional<YAML::Node> yaml_cpp_cross_load(const std::string& before, const std::string& after,
                                              const std::string& what);

}  // namespace gitopsgen::yaml_edit
