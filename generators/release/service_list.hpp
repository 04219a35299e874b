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

// Every service of the platform in `repo`, sorted by name; throws Error on a value file that
// does not parse.
std::vector<ServiceListing> list_services(const Workspace& repo, const PlatformSettings& settings);

}  // namespace gitopsgen
