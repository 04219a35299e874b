// The platform settings file: what `init` records so later commands need no repeated flags.
#pragma once

#include <string>
#include <vector>

#include "generators/workspace.hpp"

namespace gitopsgen {

// The settings file's path, relative to the repository root.
inline constexpr const char* kSettingsFile = "gitopsgen.yaml";

// The Kubernetes version a new platform targets: one every chart of chart-pins.yaml supports.
inline constexpr const char* kDefaultKubernetesVersion = "1.34";

// One deployment environment and the Kubernetes namespace its services run in.
struct Environment {
  std::string name;
  std::string namespace_name;
  bool operator==(const Environment&) const = default;
};

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
  std::string irsa_role_arn = "arn:aws:iam::ACCOUNT_ID:role/vsf-miniapp-secrets-reader";
  // The Kubernetes minor version the clusters run ("1.34"): every pinned chart must support it.
  std::string kubernetes_version = std::string(kDefaultKubernetesVersion);
  bool operator==(const PlatformSettings&) const = default;

  // The shared chart's directory: `charts/<platform>`.
  std::string chart_path() const { return "charts/" + platform; }
};

// The names in a comma-separated `list`; throws Error on an empty list or an empty item.
std::vector<std::string> parse_environment_names(const std::string& list);

// Environments named in a comma-separated `list`, each in the namespace of its own name;
// throws Error on an empty list, an empty item or a duplicate.
std::vector<Environment> parse_environment_list(const std::string& list);

// Throws Error, naming the field, unless every field of `settings` is well-formed.
void validate_settings(const PlatformSettings& settings);

// `settings` as the YAML text of the settings file.
std::string settings_to_yaml(const PlatformSettings& settings);

// Parses settings file text (`source` names it in errors) and validates it; throws Error.
PlatformSettings settings_from_yaml(const std::string& text, const std::string& source);

// The settings of the platform in `repo`; throws Error when there is no platform there.
PlatformSettings load_settings(const Workspace& repo);

}  // namespace gitopsgen
