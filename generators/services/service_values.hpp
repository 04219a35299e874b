// A service resolved for one environment: every value its value file and Application hold.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generators/platform/settings.hpp"
#include "generators/platform/template_render.hpp"
#include "generators/services/language_presets.hpp"
#include "generators/services/service_spec.hpp"

namespace gitopsgen {

// One key of a secret: the JSON key, the file alias the CSI driver mounts, the env variable.
struct ResolvedSecretKey {
  std::string key;      // url
  std::string alias;    // database-url
  std::string env_key;  // DATABASE_URL
  bool operator==(const ResolvedSecretKey&) const = default;
};

// A secret of one environment, named `<env>/<platform>/<service>/<name>` in Secrets Manager.
struct ResolvedSecret {
  std::string name;
  std::string object_name;
  std::vector<ResolvedSecretKey> keys;
  bool operator==(const ResolvedSecret&) const = default;
};

// Everything a service's files hold for one environment.
struct ResolvedService {
  Environment env;
  Tier tier;
  std::string service;
  const LanguagePreset* preset;
  std::string image_repository;
  std::string image_tag;
  int replicas;
  int port;
  std::string host;
  std::string path;
  std::vector<EnvVar> env_vars;
  std::vector<ResolvedSecret> secrets;
  bool operator==(const ResolvedService&) const = default;
};

// The file alias of secret key `key` of secret `name`: kebab-case, `database-url`.
std::string secret_alias(const std::string& name, const std::string& key);

// The environment variable of secret key `key` of secret `name`: `DATABASE_URL`.
std::string secret_env_key(const std::string& name, const std::string& key);

// The defaults add-service shows and uses for a service `name` of `preset` on `settings`.
struct ServiceDefaults {
  std::string image, tag, host, path;
  int port;
};
ServiceDefaults service_defaults(const PlatformSettings& settings, const std::string& name,
                                 const LanguagePreset& preset);

// `spec` resolved for `env` (of tier `tier`) with the defaults of `settings` and its preset;
// `kept_tag` is the tag to keep when updating an existing service.
ResolvedService resolve_service(const PlatformSettings& settings, const ServiceSpec& spec,
                                const Environment& env, Tier tier,
                                const std::optional<std::string>& kept_tag);

// The template data of the service scaffolds for `service`.
TemplateData service_template_data(const PlatformSettings& settings,
                                   const ResolvedService& service);

// Throws Error unless the generated value file and Application read back every value of
// `service` exactly (types included: a tag "1.10" must stay the string "1.10").
void check_service_readback(const PlatformSettings& settings, const ResolvedService& service,
                            const std::string& value_file_text, const std::string& app_text);

}  // namespace gitopsgen
