// `list`: one line per service of a platform, from its value files.
#pragma once

#include <string>
#include <vector>

#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// A service as its value files describe it across the platform's environments.
struct ServiceListing {
  std::string service;
  std::string language;                   // the first value file's `language:`, or ""
  std::vector<std::string> environments;  // where it is deployed, in platform order
  std::vector<std::string> tags;          // image.tag in each of `environments` ("" when unset)
  std::vector<std::string> secrets;       // secretsManager object names, in any environment
  std::string secrets_region;             // secretsManager.region of the first that has one
  bool ingress = false;                   // ingress enabled in any environment
};

// One AWS Secrets Manager secret a service reads.
struct ServiceSecret {
  std::string name;    // secretsManager.objects[].objectName
  std::string region;  // secretsManager.region, else the platform's region
};

// The secrets `service` reads in each of `envs` (its value files there), in that order; throws
// Error on a value file that does not parse.
std::vector<ServiceSecret> service_secrets(const Workspace& repo, const PlatformSettings& settings,
                                           const std::string& service,
                                           const std::vector<std::string>& envs);

// Every service of the platform in `repo`, sorted by name; throws Error on a value file that
// does not parse.
std::vector<ServiceListing> list_services(const Workspace& repo, const PlatformSettings& settings);

}  // namespace gitopsgen
