// The runtime facts of each supported language, as the guide gives them, per environment tier.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace gitopsgen {

// Where an environment sits in the platform's promotion order, which sizes its services.
enum class Tier { dev, staging, production };

// The tier of the environment at `index` among `count`: the last is production, the first (of
// several) dev, any between staging.
Tier tier_of(std::size_t index, std::size_t count);

// One environment variable of a container.
struct EnvVar {
  std::string name;
  std::string value;
  bool operator==(const EnvVar&) const = default;
};

// CPU and memory requests and limits, as Kubernetes quantities.
struct Resources {
  std::string request_cpu, request_memory, limit_cpu, limit_memory;
};

// An HTTP probe on the container port.
struct Probe {
  std::string path;
  int initial_delay_seconds, period_seconds, timeout_seconds, failure_threshold;
};

// What a language's service looks like in one tier.
struct TierFacts {
  int replicas;
  Resources resources;
  std::vector<EnvVar> env;  // may use the placeholders {env}, {port} and {profile}
};

// A language preset: port, probes and per-tier sizing and environment.
struct LanguagePreset {
  std::string language;  // java, nodejs, python, go
  std::string runtime;   // openjdk-17, node-20, python-3.11, go-1.22
  std::string description;
  int port;
  Probe liveness, readiness;
  TierFacts dev, staging, production;
  // A probe that holds liveness and readiness off until a slow runtime has started, if any.
  std::optional<Probe> startup;
  // Where the runtime's usual metrics library serves Prometheus metrics.
  std::string metrics_path = "/metrics";

  // The facts of `tier`.
  const TierFacts& facts(Tier tier) const;
};

// Every preset, in the order help texts list them.
const std::vector<LanguagePreset>& language_presets();

// The preset of `language`; throws Error naming the supported languages when there is none.
const LanguagePreset& find_preset(const std::string& language);

// The supported languages joined by `separator`.
std::string language_names(const std::string& separator);

}  // namespace gitopsgen
