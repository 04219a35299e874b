#include "generators/release/value_diff.hpp"

#include <map>

#include "generators/error.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/service_spec.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

using Flat = std::vector<std::pair<std::string, std::string>>;

// `prefix.key`, or `prefix[key]` for a key that holds a dot itself (an annotation's name).
std::string join_path(const std::string& prefix, const std::string& key) {
  if (key.find('.') != std::string::npos) return prefix + "[" + key + "]";
  return prefix.empty() ? key : prefix + "." + key;
}

// True when every item of the sequence `node` is a map with a scalar `name`, each different.
bool named_items(const YAML::Node& node) {
  if (node.size() == 0) return false;
  std::map<std::string, bool> seen;
  for (const auto& item : node) {
    if (!item.IsMap()) return false;
    const auto name = item["name"];
    if (!name || !name.IsScalar() || !seen.emplace(name.Scalar(), true).second) return false;
  }
  return true;
}

void flatten(const YAML::Node& node, const std::string& path, Flat& out) {
  if (node.IsMap()) {
    if (node.size() == 0) out.emplace_back(path, "{}");
    for (const auto& kv : node)
      flatten(kv.second, join_path(path, kv.first.as<std::string>()), out);
  } else if (node.IsSequence()) {
    if (node.size() == 0) out.emplace_back(path, "[]");
    const bool by_name = named_items(node);
    std::size_t i = 0;
    for (const auto& item : node) {
      const auto key = by_name ? item["name"].Scalar() : std::to_string(i);
      ++i;
      if (!by_name) {
        flatten(item, join_path(path, key), out);
        continue;
      }
      // `env.NAME` is the item's value when it has only name and value, else its other keys.
      const auto item_path = join_path(path, key);
      if (item.size() == 2 && item["value"]) {
        flatten(item["value"], item_path, out);
        continue;
      }
      for (const auto& kv : item)
        if (kv.first.as<std::string>() != "name")
          flatten(kv.second, join_path(item_path, kv.first.as<std::string>()), out);
    }
  } else if (node.IsScalar()) {
    out.emplace_back(path, node.Scalar());
  } else {
    out.emplace_back(path, "null");
  }
}

Flat flat_file(const Workspace& repo, const PlatformSettings& settings, const std::string& service,
               const std::string& env) {
  const auto path = value_file_path(settings, service, env);
  const auto text = repo.read(path);
  if (!text)
    throw Error("service '" + service + "' has no value file in " + env + " (" + path + ")");
  return flatten_values(*text, path);
}

}  // namespace

Flat flatten_values(const std::string& text, const std::string& source) {
  Flat out;
  flatten(parse_yaml(text, source), "", out);
  return out;
}

std::vector<ValueDifference> diff_values(const Workspace& repo, const PlatformSettings& settings,
                                         const ValueDiffRequest& request) {
  validate_service_name(request.service);
  select_environments(settings, {request.from});
  select_environments(settings, {request.to});
  if (request.from == request.to) throw UsageError("--from and --to name the same environment");
  const auto from = flat_file(repo, settings, request.service, request.from);
  const auto to = flat_file(repo, settings, request.service, request.to);
  std::map<std::string, const std::string*> to_by_path, from_by_path;
  for (const auto& [path, value] : to) to_by_path.emplace(path, &value);
  for (const auto& [path, value] : from) from_by_path.emplace(path, &value);
  std::vector<ValueDifference> out;
  const auto promoted = [](const std::string& path) {
    return path == "image.tag" || path == "image.repository";
  };
  for (const auto& [path, value] : from) {
    const auto it = to_by_path.find(path);
    if (it != to_by_path.end() && *it->second == value) continue;
    out.push_back({path, value, it == to_by_path.end() ? std::nullopt : std::optional(*it->second),
                   promoted(path)});
  }
  for (const auto& [path, value] : to)
    if (!from_by_path.count(path)) out.push_back({path, std::nullopt, value, promoted(path)});
  return out;
}

}  // namespace gitopsgen
