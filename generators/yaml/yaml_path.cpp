#include "generators/yaml/yaml_path.hpp"

#include "generators/error.hpp"
#include "generators/yaml/yaml_guard.hpp"

namespace gitopsgen {

YAML::Node parse_yaml(const std::string& text, const std::string& source) {
  try {
    return yaml_load_guarded(text, source);
  } catch (const YAML::Exception& e) {
    throw Error(source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

YAML::Node yaml_at(const YAML::Node& node, std::initializer_list<const char*> keys) {
  YAML::Node current = node;
  for (const char* key : keys) {
    if (!current.IsDefined() || !current.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node next = current[key];
    if (!next.IsDefined()) return YAML::Node(YAML::NodeType::Undefined);
    current.reset(next);
  }
  return current;
}

std::string yaml_string_at(const YAML::Node& node, std::initializer_list<const char*> keys) {
  const auto found = yaml_at(node, keys);
  return found.IsDefined() && found.IsScalar() ? found.as<std::string>() : std::string();
}

}  // namespace gitopsgen
