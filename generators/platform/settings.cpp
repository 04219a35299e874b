#include "generators/platform/settings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>
#include <set>

#include "generators/error.hpp"
#include "generators/platform/names.hpp"
#include "generators/yaml/yaml_path.hpp"
#include "generators/yaml/yaml_scalar.hpp"

namespace gitopsgen {
namespace {

void require_match(const std::string& field, const std::string& value, const std::regex& re,
                   const std::string& expected) {
  require_single_line(field, value);
  // std::regex matches recursively, a stack frame per character: bound the length first.
  if (value.size() > 2048)
    throw Error(field + " has " + std::to_string(value.size()) + " characters, more than 2048");
  if (!std::regex_match(value, re)) throw Error(field + " '" + value + "' is not " + expected);
}

// Namespaces Kubernetes and the platform's own apps live in: never an environment's.
bool is_platform_namespace(const std::string& name, const PlatformSettings& s) {
  static const std::set<std::string> reserved = {
      "default",  "kube-system",  "kube-public",      "kube-node-lease",
      "argocd",   "linkerd",      "linkerd-viz",      "traefik",
      "reloader", "cert-manager", "external-secrets", "infrastructure"};
  return name == s.argocd_namespace || reserved.count(name) > 0;
}

std::string required_string(const YAML::Node& node, const std::string& key,
                            const std::string& source) {
  const auto value = node[key];
  if (!value || !value.IsScalar())
    throw Error(source + ": '" + key + "' is missing or not a string");
  return value.as<std::string>();
}

}  // namespace

std::vector<std::string> environment_names(const std::vector<Environment>& envs) {
  std::vector<std::string> names;
  for (const auto& e : envs) names.push_back(e.name);
  return names;
}

std::vector<std::string> parse_environment_names(const std::string& list) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    names.push_back(list.substr(start, comma - start));
    if (names.back().empty()) throw Error("environment list '" + list + "' has an empty entry");
    start = comma + 1;
  }
  return names;
}

std::vector<Environment> parse_environment_list(const std::string& list) {
  std::vector<Environment> envs;
  for (auto& name : parse_environment_names(list)) envs.push_back({name, name});
  return envs;
}

void validate_settings(const PlatformSettings& s) {
  require_dns1123_label("platform name", s.platform);
  require_dns1123_label("Argo CD namespace", s.argocd_namespace);
  if (s.environments.empty()) throw Error("the platform needs at least one environment");
  std::set<std::string> names, namespaces;
  for (const auto& env : s.environments) {
    require_dns1123_label("environment", env.name);
    require_dns1123_label("namespace of environment " + env.name, env.namespace_name);
    if (env.name == "infrastructure")
      throw Error("environment name 'infrastructure' is reserved for the platform's own apps");
    if (is_platform_namespace(env.name, s))
      throw Error("environment name '" + env.name +
                  "' is reserved: it is a namespace of Kubernetes or the platform's own apps");
    if (is_platform_namespace(env.namespace_name, s))
      throw Error("namespace '" + env.namespace_name + "' of environment " + env.name +
                  " is reserved for Kubernetes or the platform's own apps");
    if (!names.insert(env.name).second)
      throw Error("environment '" + env.name + "' is listed twice");
    if (!namespaces.insert(env.namespace_name).second)
      throw Error("namespace '" + env.namespace_name + "' is used by two environments");
  }
  require_match("repository URL", s.repo_url,
                std::regex(R"((https?|ssh|git|file)://\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+)"),
                "a git URL (https://, ssh://, git://, file:// or user@host:path)");
  // git's ref rules: no leading '-', no "..", no "@{", none of space ~ ^ : ? * [ \.
  require_match("target revision", s.target_revision,
                std::regex(R"((?!-)(?!.*\.\.)(?!.*@\{)[^\s~^:?*\[\\]+)"), "a git revision");
  require_match("image registry", s.registry, std::regex(R"([A-Za-z0-9][A-Za-z0-9._:/-]*)"),
                "an image registry (host[:port][/path])");
  if (!is_dns1123_subdomain(s.domain))
    throw Error("domain '" + s.domain + "' is not a DNS name (lowercase labels separated by '.')");
  require_match("AWS region", s.region, std::regex(R"([a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9])"),
                "an AWS region such as us-east-1");
  require_match("Kubernetes version", s.kubernetes_version, std::regex(R"(1\.(0|[1-9][0-9]?))"),
                "a Kubernetes minor version such as 1.34");
  if (!s.tls_issuer.empty() && !s.tls_cert_resolver.empty())
    throw Error(
        "give the TLS certificates one source: a cert-manager issuer or a Traefik "
        "certificate resolver, not both");
  if (!s.tls_issuer.empty() && !is_dns1123_subdomain(s.tls_issuer))
    throw Error("TLS issuer '" + s.tls_issuer +
                "' is not a Kubernetes object name (lowercase, digits, '-' and '.')");
  if (!s.tls_cert_resolver.empty())
    require_match("Traefik certificate resolver", s.tls_cert_resolver,
                  std::regex(R"([A-Za-z0-9][A-Za-z0-9_-]*)"),
                  "a Traefik resolver name (letters, digits, '-' and '_')");
  for (const auto& env : s.environments)
    if (!is_dns1123_subdomain(environment_project(s, env.name)))
      throw Error("service project '" + s.service_project + "' makes '" +
                  environment_project(s, env.name) + "' for " + env.name +
                  ", which is not an AppProject name (lowercase, digits, '-' and '.'; "
                  "{platform} and {env} are filled in)");
  validate_role_pattern("IRSA role ARN", s.irsa_role_arn);
  for (const auto& [service, pattern] : s.service_roles) {
    if (!is_dns1123_label(service))
      throw Error("serviceRoles names '" + service + "', which is no service name");
    validate_role_pattern("IAM role of " + service, pattern);
  }
}

void validate_role_pattern(const std::string& what, const std::string& pattern) {
  require_match(
      what, pattern,
      std::regex(
          R"(arn:aws[a-z-]*:iam::([0-9]{12}|ACCOUNT_ID):role/([A-Za-z0-9+=,.@_/-]|\{(platform|service|env)\})+)"),
      "an IAM role ARN (arn:aws:iam::<account>:role/<name>), whose name may use {platform}, "
      "{service} and {env}");
}

std::string environment_project(const PlatformSettings& s, const std::string& env) {
  std::string out;
  const auto& p = s.service_project;
  for (std::size_t i = 0; i < p.size();) {
    if (p.compare(i, 10, "{platform}") == 0) {
      out += s.platform;
      i += 10;
    } else if (p.compare(i, 5, "{env}") == 0) {
      out += env;
      i += 5;
    } else {
      out += p[i++];
    }
  }
  return out;
}

const char* layout_name(Layout layout) {
  switch (layout) {
    case Layout::applicationset:
      return "applicationset";
    case Layout::handover:
      return "app-of-apps-to-applicationset";
    case Layout::app_of_apps:
      break;
  }
  return "app-of-apps";
}

Layout parse_layout(const std::string& name) {
  for (const auto layout : {Layout::app_of_apps, Layout::applicationset, Layout::handover})
    if (name == layout_name(layout)) return layout;
  throw Error("unknown layout '" + name + "' (app-of-apps or applicationset)");
}

void require_no_handover(const PlatformSettings& s, const std::string& what) {
  if (s.layout == Layout::handover)
    throw Error(what +
                " now would leave its Applications running (they are marked Prune=false "
                "for the move to the applicationset layout): run `gitopsgen migrate layout "
                "applicationset` to finish the move, or `gitopsgen migrate layout app-of-apps` to "
                "undo it, first");
}

std::string root_project(const PlatformSettings& s) {
  return s.platform + "-root";
}

std::string service_role_arn(const PlatformSettings& s, const std::string& service,
                             const std::string& env) {
  const auto own = s.service_roles.find(service);
  std::string arn = own != s.service_roles.end() ? own->second : s.irsa_role_arn;
  for (const auto& [placeholder, value] :
       {std::pair<std::string, std::string>{"{platform}", s.platform},
        {"{service}", service},
        {"{env}", env}}) {
    for (auto at = arn.find(placeholder); at != std::string::npos; at = arn.find(placeholder, at))
      arn.replace(at, placeholder.size(), value), at += value.size();
  }
  // IAM: a role name is at most 64 characters of [A-Za-z0-9+=,.@_-] after its path.
  const auto name = arn.substr(arn.rfind('/') + 1);
  if (name.size() > 64)
    throw Error("IAM role name '" + name + "' (irsaRoleArn for " + service + " in " + env +
                ") is longer than IAM's 64 characters; shorten the pattern in " + kSettingsFile);
  return arn;
}

bool roles_are_per_service_and_env(const PlatformSettings& s) {
  return s.irsa_role_arn.find("{service}") != std::string::npos &&
         s.irsa_role_arn.find("{env}") != std::string::npos;
}

std::string settings_to_yaml(const PlatformSettings& s) {
  std::string out =
      "# gitopsgen platform settings: later gitopsgen commands read them from here.\n"
      "# Edit with care; `gitopsgen validate` checks the repository against them.\n";
  out += "platform: " + yaml_scalar(s.platform) + "\n";
  out += "repoURL: " + yaml_scalar(s.repo_url) + "\n";
  out += "targetRevision: " + yaml_scalar(s.target_revision) + "\n";
  out += "argocdNamespace: " + yaml_scalar(s.argocd_namespace) + "\n";
  out += "registry: " + yaml_scalar(s.registry) + "\n";
  out += "domain: " + yaml_scalar(s.domain) + "\n";
  out +=
      "# The clusters' Kubernetes minor version; `validate` checks every pinned chart supports "
      "it.\n";
  out += "kubernetesVersion: " + yaml_scalar(s.kubernetes_version) + "\n";
  if (!s.tls_issuer.empty() || !s.tls_cert_resolver.empty()) {
    out +=
        "# Public HTTPS: each service's certificate comes from this cert-manager ClusterIssuer "
        "(issuer)\n# or Traefik certificate resolver (certResolver).\n";
    out += "tls:\n";
    if (!s.tls_issuer.empty()) out += "  issuer: " + yaml_scalar(s.tls_issuer) + "\n";
    if (!s.tls_cert_resolver.empty())
      out += "  certResolver: " + yaml_scalar(s.tls_cert_resolver) + "\n";
  }
  if (s.service_project != kDefaultServiceProject) {
    out += "# The AppProject of every service Application ({platform} and {env} are filled in).\n";
    out += "serviceProject: " + yaml_scalar(s.service_project) + "\n";
  }
  if (s.layout != Layout::app_of_apps) {
    out += s.layout == Layout::applicationset
               ? "# Each environment's services are generated by one ApplicationSet.\n"
               : "# Half-way to an ApplicationSet per environment: run `gitopsgen migrate layout "
                 "applicationset`\n# again once Argo CD has synced this commit.\n";
    out += "layout: " + yaml_scalar(layout_name(s.layout)) + "\n";
  }
  out += "aws:\n";
  out += "  region: " + yaml_scalar(s.region) + "\n";
  out +=
      "  # The role each service's pods assume; {platform}, {service} and {env} are filled in.\n";
  out += "  irsaRoleArn: " + yaml_scalar(s.irsa_role_arn) + "\n";
  if (!s.service_roles.empty()) {
    out += "  # Services whose pods assume a role of their own pattern instead.\n";
    out += "  serviceRoles:\n";
    for (const auto& [service, pattern] : s.service_roles)
      out += "    " + yaml_scalar(service) + ": " + yaml_scalar(pattern) + "\n";
  }
  out += "# In promotion order: each environment's tags come from the one before it.\n";
  out += "environments:\n";
  for (const auto& env : s.environments) {
    out += "  - name: " + yaml_scalar(env.name) + "\n";
    out += "    namespace: " + yaml_scalar(env.namespace_name) + "\n";
  }
  return out;
}

namespace {

// Throws Error naming the first key of `map` that is not one of `known`: a misspelt setting
// would otherwise be silently ignored.
void refuse_unknown_keys(const YAML::Node& map, std::initializer_list<const char*> known,
                         const std::string& where, const std::string& source) {
  for (const auto& kv : map) {
    const auto key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; }))
      throw Error(source + ": unknown setting '" + key + "'" + where);
  }
}

}  // namespace

PlatformSettings settings_from_yaml(const std::string& text, const std::string& source) {
  const auto root = parse_yaml(text, source);
  if (!root.IsMap()) throw Error(source + ": expected a mapping of settings");
  PlatformSettings s;
  s.platform = required_string(root, "platform", source);
  s.repo_url = required_string(root, "repoURL", source);
  s.target_revision = required_string(root, "targetRevision", source);
  s.argocd_namespace = required_string(root, "argocdNamespace", source);
  s.registry = required_string(root, "registry", source);
  s.domain = required_string(root, "domain", source);
  // Optional: platforms made before the setting existed keep the default.
  if (root["kubernetesVersion"])
    s.kubernetes_version = required_string(root, "kubernetesVersion", source);
  if (root["serviceProject"]) s.service_project = required_string(root, "serviceProject", source);
  if (root["layout"]) {
    try {
      s.layout = parse_layout(required_string(root, "layout", source));
    } catch (const Error& e) {
      throw Error(source + ": " + e.what());
    }
  }
  // Optional too, but absent means what it meant then: no certificate source.
  s.tls_issuer.clear();
  if (const auto tls = root["tls"]) {
    if (!tls.IsMap()) throw Error(source + ": 'tls' is not a mapping");
    refuse_unknown_keys(tls, {"issuer", "certResolver"}, " under 'tls'", source);
    if (tls["issuer"]) s.tls_issuer = required_string(tls, "issuer", source);
    if (tls["certResolver"]) s.tls_cert_resolver = required_string(tls, "certResolver", source);
  }
  const auto aws = root["aws"];
  if (!aws || !aws.IsMap()) throw Error(source + ": 'aws' is missing or not a mapping");
  refuse_unknown_keys(aws, {"region", "irsaRoleArn", "serviceRoles"}, " under 'aws'", source);
  s.region = required_string(aws, "region", source);
  s.irsa_role_arn = required_string(aws, "irsaRoleArn", source);
  if (const auto roles = aws["serviceRoles"]) {
    if (!roles.IsMap()) throw Error(source + ": 'aws.serviceRoles' is not a mapping");
    for (const auto& kv : roles) {
      const auto service = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (!kv.second.IsScalar())
        throw Error(source + ": aws.serviceRoles." + service + " is not a string");
      s.service_roles[service] = kv.second.Scalar();
    }
  }
  const auto envs = root["environments"];
  if (!envs || !envs.IsSequence())
    throw Error(source + ": 'environments' is missing or not a list");
  s.environments.clear();
  for (const auto& env : envs) {
    if (!env.IsMap()) throw Error(source + ": each environment must be a mapping");
    refuse_unknown_keys(env, {"name", "namespace"}, " in an environment", source);
    s.environments.push_back(
        {required_string(env, "name", source), required_string(env, "namespace", source)});
  }
  try {
    validate_settings(s);
  } catch (const Error& e) {
    throw Error(source + ": " + e.what());
  }
  // Checked last, so a missing or malformed setting is named before an unexpected one.
  refuse_unknown_keys(
      root,
      {"platform", "repoURL", "targetRevision", "argocdNamespace", "registry", "domain",
       "kubernetesVersion", "serviceProject", "layout", "tls", "aws", "environments"},
      "", source);
  return s;
}

PlatformSettings load_settings(const Workspace& repo) {
  const auto text = repo.read(kSettingsFile);
  if (!text)
    throw Error(std::string("no platform here: ") + kSettingsFile +
                " is missing (run `gitopsgen init` first)");
  return settings_from_yaml(*text, kSettingsFile);
}

}  // namespace gitopsgen
