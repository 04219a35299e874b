// What the user asks add-service for: the service request, its parsers and its validators.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gitopsgen {

// One AWS Secrets Manager secret of a service: `name` and the JSON keys it holds.
struct SecretSpec {
  std::string name;
  std::vector<std::string> keys;
  bool operator==(const SecretSpec&) const = default;
};

// A service as requested; unset fields take defaults from the platform and the language preset.
struct ServiceSpec {
  std::string name;
  std::string language;
  std::optional<std::string> image;  // repository, without tag
  std::optional<std::string> tag;
  std::map<std::string, std::string> tags;  // per environment; each wins over `tag` there
  std::optional<int> port;
  std::optional<std::string> host;  // the production host; other environments derive theirs
  std::optional<std::string> path;
  std::vector<SecretSpec> secrets;
  std::vector<std::string> envs;  // empty: every environment of the platform
  std::map<std::string, int> replicas;
  std::vector<std::pair<std::string, std::string>> env;  // extra variables; override the preset's
  // The IAM role pattern of this service's pods instead of the platform's ({env}, {service},
  // {platform} filled in); recorded in the settings' aws.serviceRoles.
  std::optional<std::string> iam_role_arn;
};

// Parses `--secret NAME:key[,key…]`; throws Error when malformed.
SecretSpec parse_secret_flag(const std::string& text);

// Parses `--replicas ENV=N` into `replicas`; throws Error when malformed or N is not positive.
void parse_replicas_flag(const std::string& text, std::map<std::string, int>& replicas);

// Parses `--tag TAG` into `tag` or `--tag ENV=TAG` into `tags`; throws UsageError when empty.
void parse_tag_flag(const std::string& text, ServiceSpec& spec);

// Parses `--env NAME=VALUE` into `env` (a later NAME replaces an earlier one); throws Error.
void parse_env_flag(const std::string& text, std::vector<std::pair<std::string, std::string>>& env);

// Throws Error unless `name` is an environment variable name and `value` one line of text.
void validate_env_var(const std::string& name, const std::string& value);

// Parses a positive integer in [1, max] given for `what`; throws Error otherwise.
int parse_bounded_int(const std::string& what, const std::string& text, int max);

// Reads one service's fields from a YAML mapping (of a file named `source`); throws Error
// naming the line.
ServiceSpec service_spec_from_node(const YAML::Node& node, const std::string& source);

// Reads a service spec file (`source` names it in errors); throws Error naming the line.
ServiceSpec service_spec_from_yaml(const std::string& text, const std::string& source);

// `spec` as one line of JSON with the fields of a services-file entry, for the generation record;
// the tags are left out (they are release state, which set-image and promote move).
std::string spec_inputs(const ServiceSpec& spec);

// The spec that spec_inputs wrote as `inputs` (record `source`); throws Error when malformed.
ServiceSpec spec_from_inputs(const std::string& inputs, const std::string& source);

// `recorded` with each field `given` sets: given secrets or environments replace the recorded
// list, replicas, tags and environment variables are merged by name, other given fields win.
ServiceSpec overlay_spec(ServiceSpec recorded, const ServiceSpec& given);

// Each throws Error with a one-line reason unless its value is well-formed.
void validate_service_name(const std::string& name);
// An image under `platform_registry` (checked when the platform was set up, and which may be
// the guide's placeholder YOUR_ECR_REGISTRY) needs only its path to be valid.
void validate_image_repository(const std::string& repository, const std::string& platform_registry);
void validate_image_tag(const std::string& tag);
void validate_host(const std::string& host);
void validate_ingress_path(const std::string& path);
void validate_port(int port);
void validate_secret(const SecretSpec& secret);

// An environment a per-environment field names that a run does not write.
struct UnchosenEnvironment {
  std::string field;  // "replicas" or "tags"
  std::string env;
};

// The first environment `spec`'s replicas or tags name that is not one of `chosen` (the
// environments the run writes); nothing when every one is.
std::optional<UnchosenEnvironment> unchosen_environment(const ServiceSpec& spec,
                                                        const std::vector<std::string>& chosen);

// Throws Error unless every field of `spec` that is set is well-formed, its image judged against
// the platform's registry.
void validate_service_spec(const ServiceSpec& spec, const std::string& platform_registry);

}  // namespace gitopsgen
