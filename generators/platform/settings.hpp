// The platform settings file: what `init` records so later commands need no repeated flags.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "generators/workspace.hpp"

namespace gitopsgen {

// The settings file's path, relative to the repository root.
inline constexpr const char* kSettingsFile = "gitopsgen.yaml";

// The AppProject of each service's Application as init makes them: one per environment.
inline constexpr const char* kDefaultServiceProject = "{platform}-{env}";

// The Kubernetes version a new platform targets: one every chart of chart-pins.yaml supports.
inline constexpr const char* kDefaultKubernetesVersion = "1.34";

// One deployment environment and the Kubernetes namespace its services run in.
struct Environment {
  std::string name;
  std::string namespace_name;
  bool operator==(const Environment&) const = default;
};

// How the services' Applications reach Argo CD.
enum class Layout {
  app_of_apps,     // one Application file per service and environment, in applications/<env>/
  applicationset,  // one ApplicationSet per environment, generating them from the value files
  handover,        // app-of-apps, its Applications marked Prune=false for an ApplicationSet
};

// The settings file's spelling of `layout`: "app-of-apps", "applicationset" or
// "app-of-apps-to-applicationset".
const char* layout_name(Layout layout);

// The layout `name` spells, or Error naming the layouts there are.
Layout parse_layout(const std::string& name);

// Everything about a platform that generators need; the defaults reproduce the guide.
struct PlatformSettings {
  std::string platform = "vsf-miniapp";
  std::string repo_url = "https://github.com/oNddleo/gitops.git";
  std::string target_revision = "HEAD";
  std::string argocd_namespace = "argocd";
  std::vector<Environment> environments = {
      {"dev", "dev"}, {"staging", "staging"}, {"production", "production"}};
  std::string registry = "YOUR_ECR_REGISTRY";
  std::string domain = "vsf-miniapp.com";
  std::string region = "us-east-1";
  // The IAM role a service's pods assume (IRSA), as a pattern: {platform}, {service} and {env}
  // stand for the platform, the service and the environment, so no two share a role.
  std::string irsa_role_arn = "arn:aws:iam::ACCOUNT_ID:role/{platform}-{service}-{env}";
  // Services whose pods assume a role of another pattern than irsa_role_arn (same placeholders).
  std::map<std::string, std::string> service_roles;
  // The Kubernetes minor version the clusters run ("1.34"): every pinned chart must support it.
  std::string kubernetes_version = std::string(kDefaultKubernetesVersion);
  // Where each public host's certificate comes from: the cert-manager ClusterIssuer named here,
  // or the Traefik certificate resolver named in tls_cert_resolver; at most one is set (neither:
  // a platform from before the setting, whose hosts get Traefik's default certificate).
  std::string tls_issuer = "letsencrypt";
  std::string tls_cert_resolver;
  // The AppProject of the services' Applications, as a pattern ({platform} and {env} filled in);
  // another than the default for a platform adopted with its own projects (such as "default").
  std::string service_project = kDefaultServiceProject;
  Layout layout = Layout::app_of_apps;
  bool operator==(const PlatformSettings&) const = default;

  // The shared chart's directory: `charts/<platform>`.
  std::string chart_path() const { return "charts/" + platform; }
  // True when each service and environment has an Application file of its own.
  bool application_files() const { return layout != Layout::applicationset; }
};

// The names of `envs`, in order.
std::vector<std::string> environment_names(const std::vector<Environment>& envs);

// The names in a comma-separated `list`; throws Error on an empty list or an empty item.
std::vector<std::string> parse_environment_names(const std::string& list);

// Environments named in a comma-separated `list`, each in the namespace of its own name;
// throws Error on an empty list, an empty item or a duplicate.
std::vector<Environment> parse_environment_list(const std::string& list);

// The AppProject of the services of environment `env`: the service_project pattern filled in,
// `<platform>-<env>` by default.
std::string environment_project(const PlatformSettings& settings, const std::string& env);

// Throws Error saying the platform is half-way to the applicationset layout, when it is: an
// Application removed now would stay deployed (marked Prune=false) and no ApplicationSet would
// take it over. `what` names the removal ("removing service web").
void require_no_handover(const PlatformSettings& settings, const std::string& what);

// The AppProject of the root Application: `<platform>-root`.
std::string root_project(const PlatformSettings& settings);

// The IAM role ARN the pods of `service` assume in environment `env`: the settings' pattern with
// its placeholders filled; throws Error when the role name is not one IAM accepts.
std::string service_role_arn(const PlatformSettings& settings, const std::string& service,
                             const std::string& env);

// True when the role pattern names both {service} and {env}: every service and environment
// assumes a role of its own.
bool roles_are_per_service_and_env(const PlatformSettings& settings);

// Throws Error, naming the field, unless every field of `settings` is well-formed.
void validate_settings(const PlatformSettings& settings);

// Throws Error naming `what` unless `pattern` is an IAM role ARN whose name may use {platform},
// {service} and {env}.
void validate_role_pattern(const std::string& what, const std::string& pattern);

// `settings` as the YAML text of the settings file.
std::string settings_to_yaml(const PlatformSettings& settings);

// Parses settings file text (`source` names it in errors) and validates it; throws Error.
PlatformSettings settings_from_yaml(const std::string& text, const std::string& source);

// The settings of the platform in `repo`; throws Error when there is no platform there.
PlatformSettings load_settings(const Workspace& repo);

}  // namespace gitopsgen
