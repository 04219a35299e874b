#include "generators/service_inventory.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "generators/yaml_path.hpp"

namespace gitopsgen {

std::string value_file_path(const PlatformSettings& settings, const std::string& service,
                            const std::string& env) {
  return settings.chart_path() + "/ci/" + service + "-" + env + ".yaml";
}

std::string application_path(const PlatformSettings& settings, const std::string& service,
                             const std::string& env) {
  return "applications/" + env + "/" + settings.platform + "-" + service + ".yaml";
}

std::string application_name(const PlatformSettings& settings, const std::string& service,
                             const std::string& env) {
  return settings.platform + "-" + service + "-" + env;
}

namespace {

std::vector<IngressClaim> read_ingress(const std::string& text) {
  std::vector<IngressClaim> claims;
  try {
    const auto root = YAML::Load(text);
    const auto enabled = yaml_at(root, {"ingress", "enabled"});
    if (!enabled.IsScalar() || !enabled.as<bool>(false)) return claims;
    const auto hosts = yaml_at(root, {"ingress", "hosts"});
    if (!hosts.IsSequence()) return claims;
    for (const auto& h : hosts) {
      const auto host = yaml_string_at(h, {"host"});
      const auto paths = yaml_at(h, {"paths"});
      if (!paths.IsSequence() || paths.size() == 0) {
        claims.push_back({host, "/"});
        continue;
      }
      for (const auto& p : paths) claims.push_back({host, yaml_string_at(p, {"path"})});
    }
  } catch (const YAML::Exception&) {
    // An unparsable file claims nothing here; validate reports it.
  }
  return claims;
}

}  // namespace

std::vector<ServiceInstance> list_service_instances(const Workspace& repo,
                                                    const PlatformSettings& settings) {
  std::vector<ServiceInstance> out;
  const std::string dir = settings.chart_path() + "/ci";
  for (const auto& path : repo.list_files(dir)) {
    const auto file = path.substr(dir.size() + 1);
    if (file.find('/') != std::string::npos || file.size() < 6 ||
        file.compare(file.size() - 5, 5, ".yaml") != 0)
      continue;
    const auto stem = file.substr(0, file.size() - 5);
    // The environment is the longest platform environment the name ends with.
    const Environment* best = nullptr;
    for (const auto& env : settings.environments) {
      const auto suffix = "-" + env.name;
      if (stem.size() > suffix.size() &&
          stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0 &&
          (!best || env.name.size() > best->name.size()))
        best = &env;
    }
    if (!best) continue;
    out.push_back({stem.substr(0, stem.size() - best->name.size() - 1), best->name, path,
                   read_ingress(*repo.read(path))});
  }
  auto env_index = [&](const std::string& env) {
    for (std::size_t i = 0; i < settings.environments.size(); ++i)
      if (settings.environments[i].name == env) return i;
    return settings.environments.size();
  };
  std::sort(out.begin(), out.end(), [&](const ServiceInstance& a, const ServiceInstance& b) {
    return a.service != b.service ? a.service < b.service : env_index(a.env) < env_index(b.env);
  });
  return out;
}

}  // namespace gitopsgen
