#include "generators/changeset_checks.hpp"

#include "generators/error.hpp"
#include "generators/trust_anchor.hpp"
#include "generators/yaml_edit_tree.hpp"

namespace gitopsgen {

bool is_helm_template(const std::string& path) {
  return path.rfind("charts/", 0) == 0 && path.find("/templates/") != std::string::npos;
}

bool is_yaml_path(const std::string& path) {
  auto ends_with = [&](const char* suffix) {
    const std::string s = suffix;
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  return ends_with(".yaml") || ends_with(".yml");
}

void check_changeset(const ChangeSet& changes) {
  for (const auto& change : changes.changes()) {
    if (!change.new_bytes) continue;
    if (contains_private_key(*change.new_bytes))
      throw Error("refusing to write " + change.path + ": it would hold a private key");
    if (!is_yaml_path(change.path) || is_helm_template(change.path)) continue;
    try {
      // libyaml (through the editor's scanner) reads every document of the stream, fast.
      yaml_edit::scan_document(*change.new_bytes);
    } catch (const Error& e) {
      throw Error("generated " + change.path + " is not valid YAML (" + e.what() + ")");
    }
  }
}

}  // namespace gitopsgen
