// `adopt`, second step: the platform's defaults and each service's answers read back from the
// value files, so that what gitopsgen would generate from them differs from each file only by
// what was written by hand (which every later merge then keeps).
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "generators/services/adopt_layout.hpp"
#include "generators/services/language_presets.hpp"
#include "generators/services/service_spec.hpp"

namespace gitopsgen {

// The parsed value file of each instance, by its path.
using AdoptedValues = std::map<std::string, YAML::Node>;

// Parses the value file of each of `instances`; a gap in `findings` for one that does not parse.
AdoptedValues read_adopted_values(const Workspace& repo,
                                  const std::vector<AdoptedInstance>& instances,
                                  AdoptFindings& findings);

// Completes `settings` — registry, domain, region, IAM role pattern (a service's own pattern into
// service_roles), certificate source, Kubernetes version — from `values` with `given` laid over
// them, noting each fact and each gap into `findings`.
void infer_service_settings(const std::vector<AdoptedInstance>& instances,
                            const AdoptedValues& values, const AdoptFacts& given,
                            PlatformSettings& settings, AdoptFindings& findings);

// Each service's spec as its value files tell it, a field equal to what gitopsgen would generate
// anyway left unset; a gap for a service whose language or fields cannot be read.
std::vector<ServiceSpec> infer_service_specs(const std::vector<AdoptedInstance>& instances,
                                             const AdoptedValues& values,
                                             const PlatformSettings& settings,
                                             AdoptFindings& findings);

// The production host whose `env` variant (of tier `tier`) is `host`: the inverse of the
// environment label gitopsgen inserts after a host's first label; nothing when `host` has none.
std::optional<std::string> production_host_of(const std::string& host, const std::string& env,
                                              Tier tier);

}  // namespace gitopsgen
