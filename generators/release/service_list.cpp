#include "generators/release/service_list.hpp"

#include <algorithm>
#include <map>

#include "generators/services/service_inventory.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

bool is_true(const YAML::Node& node) {
  return node.IsScalar() && (node.Scalar() == "true" || node.Scalar() == "True");
}

// Adds what the value file `doc` of one environment says to `row`.
void add_environment(ServiceListing& row, const std::string& env, const YAML::Node& doc) {
  row.environments.push_back(env);
  row.tags.push_back(yaml_string_at(doc, {"image", "tag"}));
  if (row.language.empty()) row.language = yaml_string_at(doc, {"language"});
  const auto secrets = yaml_at(doc, {"secretsManager"});
  if (is_true(yaml_at(secrets, {"enabled"}))) {
    if (row.secrets_region.empty()) row.secrets_region = yaml_string_at(secrets, {"region"});
    const auto objects = yaml_at(secrets, {"objects"});
    if (objects.IsSequence())
      for (const auto& object : objects) {
        const auto name = yaml_string_at(object, {"objectName"});
        if (!name.empty() &&
            std::find(row.secrets.begin(), row.secrets.end(), name) == row.secrets.end())
          row.secrets.push_back(name);
      }
  }
  if (is_true(yaml_at(doc, {"ingress", "enabled"}))) row.ingress = true;
}

}  // namespace

std::vector<ServiceSecret> service_secrets(const Workspace& repo, const PlatformSettings& settings,
                                           const std::string& service,
                                           const std::vector<std::string>& envs) {
  std::vector<ServiceSecret> out;
  for (const auto& env : envs) {
    const auto path = value_file_path(settings, service, env);
    const auto text = repo.read(path);
    if (!text) continue;
    ServiceListing row;
    add_environment(row, env, parse_yaml(*text, path));
    for (const auto& name : row.secrets)
      out.push_back({name, row.secrets_region.empty() ? settings.region : row.secrets_region});
  }
  return out;
}

std::vector<ServiceListing> list_services(const Workspace& repo, const PlatformSettings& settings) {
  std::map<std::string, ServiceListing> rows;
  for (const auto& instance : list_service_instances(repo, settings)) {
    auto& row = rows[instance.service];
    row.service = instance.service;
    const auto text = repo.read(instance.value_file);
    add_environment(row, instance.env, parse_yaml(text ? *text : "", instance.value_file));
  }
  std::vector<ServiceListing> out;
  out.reserve(rows.size());
  for (auto& [name, row] : rows) out.push_back(std::move(row));
  return out;
}

}  // namespace gitopsgen
