// The services a platform already holds, read from its value files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// `charts/<platform>/ci/<service>-<env>.yaml`: a service's value file for one environment.
std::string value_file_path(const PlatformSettings& settings, const std::string& service,
                            const std::string& env);

// `applications/<env>/<platform>-<service>.yaml`: a service's Application for one environment.
std::string application_path(const PlatformSettings& settings, const std::string& service,
                             const std::string& env);

// `<platform>-<service>-<env>`: the Application's name, which Argo CD also uses as Helm release.
std::string application_name(const PlatformSettings& settings, const std::string& service,
                             const std::string& env);

// One ingress route a value file claims.
struct IngressClaim {
  std::string host;
  std::string path;
};

// A service's value file for one environment.
struct ServiceInstance {
  std::string service;
  std::string env;
  std::string value_file;
  std::vector<IngressClaim> ingress;  // empty when ingress is off or the file does not parse
};

// Every value file under the chart's ci/ named `<service>-<env>.yaml` for an environment of the
// platform, sorted by service then platform environment order; `ingress` is read only when
// `with_ingress` (it means parsing every file), and when `hosts` is given only from the files
// whose text names one of them or holds an escape that could spell one (the claims that can
// meet a service's own, without parsing the platform).
std::vector<ServiceInstance> list_service_instances(
    const Workspace& repo, const PlatformSettings& settings, bool with_ingress = false,
    const std::vector<std::string>* hosts = nullptr);

// The ingress routes service instances claim, indexed by host and path, so that finding who holds
// a route does not scan every instance: a batch of additions stays linear in the platform's size.
class IngressRoutes {
 public:
  // Indexes the claims of `instances`, in their order.
  explicit IngressRoutes(const std::vector<ServiceInstance>& instances);
  // The first instance of a service other than `service` that claims `host` with `path`, as its
  // service and value file, or nothing.
  std::optional<std::pair<std::string, std::string>> holder(const std::string& host,
                                                            const std::string& path,
                                                            const std::string& service) const;
  // Forgets every claim of `service`, then adds those of `instances` (its new ones) after the rest.
  void replace(const std::string& service, const std::vector<ServiceInstance>& instances);

 private:
  void add(const ServiceInstance& instance);
  struct Claim {
    std::string service;
    std::string value_file;
  };
  using Routes = std::map<std::pair<std::string, std::string>, std::vector<Claim>>;
  Routes routes_;  // (host, path) → its claims, in claim order
  // Each service's routes, once each (map iterators stay valid as other routes come and go).
  std::unordered_map<std::string, std::vector<Routes::iterator>> by_service_;
};

}  // namespace gitopsgen
