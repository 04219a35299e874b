#include "generators/release/value_paths.hpp"

#include <yaml-cpp/yaml.h>

#include "generators/error.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/service_spec.hpp"

namespace gitopsgen {

YamlNodePath parse_key(const std::string& key) {
  YamlNodePath path;
  std::size_t start = 0;
  while (true) {
    const auto dot = key.find('.', start);
    const auto part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty()) throw UsageError("key path '" + key + "' has an empty part");
    if (part.find_first_not_of("0123456789") == std::string::npos && part.size() < 10)
      path.emplace_back(static_cast<std::size_t>(std::stoul(part)));
    else
      path.emplace_back(part);
    if (dot == std::string::npos) return path;
    start = dot + 1;
  }
}

std::vector<std::string> environments_to_edit(const Workspace& repo,
                                              const PlatformSettings& settings,
                                              const std::string& service,
                                              const std::vector<std::string>& envs, bool all_envs) {
  if (all_envs == !envs.empty())
    throw UsageError(all_envs ? "give --env or --all-envs, not both"
                              : "name an environment with --env, or --all-envs");
  if (!all_envs) return envs;
  validate_service_name(service);
  std::vector<std::string> out;
  for (const auto& i : list_service_instances(repo, settings))
    if (i.service == service) out.push_back(i.env);
  if (out.empty()) throw Error("service '" + service + "' is not deployed anywhere");
  return out;
}

std::pair<std::string, std::string> service_value_file(const Workspace& repo,
                                                       const PlatformSettings& settings,
                                                       const std::string& service,
                                                       const std::string& env) {
  validate_service_name(service);
  select_environments(settings, {env});
  auto path = value_file_path(settings, service, env);
  auto text = repo.read(path);
  if (!text)
    throw Error("service '" + service + "' has no value file in " + env + " (" + path + ")");
  return {std::move(path), std::move(*text)};
}

std::optional<std::string> env_entry_name(const YamlNodePath& path) {
  if (path.size() != 2) return std::nullopt;
  const auto* list = std::get_if<std::string>(&path[0]);
  const auto* name = std::get_if<std::string>(&path[1]);
  if (!list || *list != "env" || !name) return std::nullopt;
  return *name;
}

std::optional<std::size_t> env_entry_index(const std::string& text, const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw Error("does not parse (" + e.msg + ")");
  }
  if (!root.IsMap() || !root["env"] || !root["env"].IsSequence()) return std::nullopt;
  const YAML::Node list = root["env"];
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    if (!item.IsMap() || !item["name"] || !item["name"].IsScalar()) continue;
    if (item["name"].Scalar() != name) continue;
    if (found)
      throw Error("env lists " + name + " twice (items " + std::to_string(*found) + " and " +
                  std::to_string(i) + ")");
    found = i;
  }
  return found;
}

std::optional<YamlNodePath> resolve_env_key(const std::string& text, const YamlNodePath& path) {
  const auto name = env_entry_name(path);
  if (!name) return path;
  const auto index = env_entry_index(text, *name);
  if (!index) return std::nullopt;
  return YamlNodePath{std::string("env"), *index, std::string("value")};
}

}  // namespace gitopsgen
