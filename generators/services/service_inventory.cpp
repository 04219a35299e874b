#include "generators/services/service_inventory.hpp"

#include <string.h>

#include <algorithm>

#include "generators/error.hpp"
#include "generators/parallel_map.hpp"
#include "generators/platform/application_set.hpp"
#include "generators/yaml/yaml_edit_tree.hpp"

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

// The host/path pairs a value file's ingress claims, read with libyaml; an unparsable file claims
// nothing here (validate reports it).
std::vector<IngressClaim> read_ingress(const std::string& text) {
  std::vector<IngressClaim> claims;
  try {
    const auto doc = yaml_edit::scan_document(text);
    auto child = [&](int node, const std::string& key) {
      if (node < 0 || doc.nodes[node].kind != yaml_edit::NodeKind::mapping) return -1;
      const auto& kids = doc.nodes[node].children;
      for (std::size_t k = 0; k + 1 < kids.size(); k += 2)
        if (doc.nodes[kids[k]].value == key) return kids[k + 1];
      return -1;
    };
    auto text_of = [&](int node) { return node >= 0 ? doc.nodes[node].value : std::string(); };
    const int ingress = child(doc.root, "ingress");
    const auto enabled = text_of(child(ingress, "enabled"));
    if (enabled != "true" && enabled != "True" && enabled != "TRUE") return claims;
    const int hosts = child(ingress, "hosts");
    if (hosts < 0 || doc.nodes[hosts].kind != yaml_edit::NodeKind::sequence) return claims;
    for (int h : doc.nodes[hosts].children) {
      const auto host = text_of(child(h, "host"));
      const int paths = child(h, "paths");
      if (paths < 0 || doc.nodes[paths].kind != yaml_edit::NodeKind::sequence ||
          doc.nodes[paths].children.empty()) {
        claims.push_back({host, "/"});
        continue;
      }
      for (int p : doc.nodes[paths].children) claims.push_back({host, text_of(child(p, "path"))});
    }
  } catch (const Error&) {
  }
  return claims;
}

}  // namespace

std::vector<ServiceInstance> list_service_instances(const Workspace& repo,
                                                    const PlatformSettings& settings,
                                                    bool with_ingress,
                                                    const std::vector<std::string>* hosts) {
  const auto may_claim = [&](const std::string& text) {
    if (!hosts || text.find('\\') != std::string::npos) return true;
    // memmem (two-way search): std::string::find stops at every first letter of the host.
    return std::any_of(hosts->begin(), hosts->end(), [&](const std::string& h) {
      return ::memmem(text.data(), text.size(), h.data(), h.size()) != nullptr;
    });
  };
  std::vector<ServiceInstance> out;
  const std::string dir = settings.chart_path() + "/ci";
  for (const auto& path : repo.list_files(dir)) {
    const auto name = parse_value_file_path(settings, path);
    if (!name) continue;
    out.push_back({name->service, name->env->name, path, {}});
  }
  if (with_ingress) {
    // Every value file is read (a route may be claimed by any one of them).
    auto claims = parallel_map_texts<std::vector<IngressClaim>>(
        out.size(), [&](std::size_t k) { return repo.read(out[k].value_file); },
        [&](std::size_t, const std::optional<std::string>& text) {
          return text && may_claim(*text) ? read_ingress(*text) : std::vector<IngressClaim>{};
        },
        repo.reads_concurrently());
    for (std::size_t k = 0; k < out.size(); ++k) out[k].ingress = std::move(claims[k]);
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

IngressRoutes::IngressRoutes(const std::vector<ServiceInstance>& instances) {
  for (const auto& i : instances) add(i);
}

void IngressRoutes::add(const ServiceInstance& instance) {
  for (const auto& claim : instance.ingress) {
    const auto route = routes_.try_emplace({claim.host, claim.path}).first;
    route->second.push_back({instance.service, instance.value_file});
    auto& own = by_service_[instance.service];
    if (std::find(own.begin(), own.end(), route) == own.end()) own.push_back(route);
  }
}

std::optional<std::pair<std::string, std::string>> IngressRoutes::holder(
    const std::string& host, const std::string& path, const std::string& service) const {
  const auto it = routes_.find({host, path});
  if (it == routes_.end()) return std::nullopt;
  for (const auto& claim : it->second) {
    if (claim.service != service) return std::make_pair(claim.service, claim.value_file);
  }
  return std::nullopt;
}

void IngressRoutes::replace(const std::string& service,
                            const std::vector<ServiceInstance>& instances) {
  if (const auto old = by_service_.find(service); old != by_service_.end()) {
    for (const auto route : old->second) {
      std::erase_if(route->second, [&](const Claim& c) { return c.service == service; });
      if (route->second.empty()) routes_.erase(route);
    }
    by_service_.erase(old);
  }
  for (const auto& i : instances) add(i);
}

}  // namespace gitopsgen
