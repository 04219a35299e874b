#include "generators/services/language_presets.hpp"

#include "generators/error.hpp"

namespace gitopsgen {
namespace {

// Production figures are the guide's; staging keeps production sizing with fewer replicas; dev
// halves resources and runs one replica. {profile} is "development" in dev, else "production".
std::vector<LanguagePreset> make_presets() {
  LanguagePreset java{"java",
                      "openjdk-17",
                      "Java Spring Boot",
                      8080,
                      {"/actuator/health/liveness", 60, 10, 5, 3},
                      {"/actuator/health/readiness", 30, 5, 3, 3},
                      {1,
                       {"100m", "256Mi", "500m", "512Mi"},
                       {{"JAVA_OPTS", "-Xmx256m -Xms128m -XX:+UseG1GC"},
                        {"SPRING_PROFILES_ACTIVE", "{env}"},
                        {"SERVER_PORT", "{port}"}}},
                      {2,
                       {"250m", "512Mi", "1000m", "1Gi"},
                       {{"JAVA_OPTS", "-Xmx512m -Xms256m -XX:+UseG1GC"},
                        {"SPRING_PROFILES_ACTIVE", "{env}"},
                        {"SERVER_PORT", "{port}"}}},
                      {5,
                       {"250m", "512Mi", "1000m", "1Gi"},
                       {{"JAVA_OPTS", "-Xmx512m -Xms256m -XX:+UseG1GC"},
                        {"SPRING_PROFILES_ACTIVE", "{env}"},
                        {"SERVER_PORT", "{port}"}}},
                      // The JVM starts slowly: up to 10 + 36 x 5 s = 190 s before liveness may
                      // restart it.
                      Probe{"/actuator/health/liveness", 10, 5, 3, 36},
                      // Spring Boot Actuator's Prometheus endpoint (micrometer-registry-prometheus,
                      // with the endpoint exposed).
                      "/actuator/prometheus"};
  LanguagePreset node{"nodejs",
                      "node-20",
                      "Node.js Express",
                      3000,
                      {"/health/live", 15, 10, 3, 3},
                      {"/health/ready", 5, 5, 2, 3},
                      {1,
                       {"50m", "128Mi", "250m", "256Mi"},
                       {{"NODE_ENV", "{profile}"},
                        {"PORT", "{port}"},
                        {"NODE_OPTIONS", "--max-old-space-size=192"}}},
                      {2,
                       {"100m", "256Mi", "500m", "512Mi"},
                       {{"NODE_ENV", "{profile}"},
                        {"PORT", "{port}"},
                        {"NODE_OPTIONS", "--max-old-space-size=512"}}},
                      {3,
                       {"100m", "256Mi", "500m", "512Mi"},
                       {{"NODE_ENV", "{profile}"},
                        {"PORT", "{port}"},
                        {"NODE_OPTIONS", "--max-old-space-size=512"}}},
                      std::nullopt,
                      "/metrics"};
  LanguagePreset python{"python",
                        "python-3.11",
                        "Python FastAPI",
                        8000,
                        {"/health/live", 20, 10, 3, 3},
                        {"/health/ready", 10, 5, 2, 3},
                        {1,
                         {"75m", "128Mi", "375m", "384Mi"},
                         {{"PYTHONUNBUFFERED", "1"}, {"WORKERS", "2"}, {"PORT", "{port}"}}},
                        {2,
                         {"150m", "256Mi", "750m", "768Mi"},
                         {{"PYTHONUNBUFFERED", "1"}, {"WORKERS", "4"}, {"PORT", "{port}"}}},
                        {3,
                         {"150m", "256Mi", "750m", "768Mi"},
                         {{"PYTHONUNBUFFERED", "1"}, {"WORKERS", "4"}, {"PORT", "{port}"}}},
                        std::nullopt,
                        "/metrics"};
  // Beyond the guide: Go needs little memory; GOMAXPROCS matches the CPU limit (in whole cores)
  // and GOMEMLIMIT sits at about 90% of the memory limit so the GC works before the OOM killer.
  LanguagePreset go{"go",
                    "go-1.22",
                    "Go net/http",
                    8080,
                    {"/healthz", 5, 10, 2, 3},
                    {"/readyz", 3, 5, 2, 3},
                    {1,
                     {"50m", "32Mi", "1000m", "64Mi"},
                     {{"GOMAXPROCS", "1"}, {"GOMEMLIMIT", "57MiB"}, {"PORT", "{port}"}}},
                    {2,
                     {"100m", "64Mi", "2000m", "128Mi"},
                     {{"GOMAXPROCS", "2"}, {"GOMEMLIMIT", "115MiB"}, {"PORT", "{port}"}}},
                    {3,
                     {"100m", "64Mi", "2000m", "128Mi"},
                     {{"GOMAXPROCS", "2"}, {"GOMEMLIMIT", "115MiB"}, {"PORT", "{port}"}}},
                    std::nullopt,
                    "/metrics"};
  return {java, node, python, go};
}

}  // namespace

Tier tier_of(std::size_t index, std::size_t count) {
  if (index + 1 == count) return Tier::production;
  return index == 0 ? Tier::dev : Tier::staging;
}

const TierFacts& LanguagePreset::facts(Tier tier) const {
  switch (tier) {
    case Tier::dev:
      return dev;
    case Tier::staging:
      return staging;
    case Tier::production:
      break;
  }
  return production;
}

const std::vector<LanguagePreset>& language_presets() {
  static const std::vector<LanguagePreset> presets = make_presets();
  return presets;
}

std::string language_names(const std::string& separator) {
  std::string out;
  for (const auto& p : language_presets()) out += (out.empty() ? "" : separator) + p.language;
  return out;
}

const LanguagePreset& find_preset(const std::string& language) {
  for (const auto& p : language_presets()) {
    if (p.language == language) return p;
  }
  throw Error("unknown language '" + language + "' (supported: " + language_names(", ") + ")");
}

}  // namespace gitopsgen
