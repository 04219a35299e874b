#include "generators/services/adopt_services.hpp"

#include <algorithm>
#include <set>

#include "generators/error.hpp"
#include "generators/services/language_presets.hpp"
#include "generators/services/service_values.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

constexpr const char* kRoleAnnotation = "eks.amazonaws.com/role-arn";

using Seen = std::map<std::string, std::vector<std::string>>;

Tier tier_in(const PlatformSettings& settings, const std::string& env) {
  for (std::size_t i = 0; i < settings.environments.size(); ++i)
    if (settings.environments[i].name == env) return tier_of(i, settings.environments.size());
  return Tier::dev;
}

// The first route of a value file's ingress: its host and its path ("" when absent).
std::pair<std::string, std::string> first_route(const YAML::Node& doc) {
  const auto hosts = yaml_at(doc, {"ingress", "hosts"});
  if (!hosts || !hosts.IsSequence() || hosts.size() == 0 || !hosts[0].IsMap()) return {};
  const auto host = yaml_string_at(hosts[0], {"host"});
  const auto paths = yaml_at(hosts[0], {"paths"});
  if (!paths || !paths.IsSequence() || paths.size() == 0 || !paths[0].IsMap()) return {host, ""};
  return {host, yaml_string_at(paths[0], {"path"})};
}

// The role pattern of `arn`, a role of `service` in `env`: its name with the service, the
// environment and the platform replaced by their placeholders.
std::string role_pattern(const std::string& arn, const PlatformSettings& settings,
                         const std::string& service, const std::string& env) {
  const auto slash = arn.find(":role/");
  if (slash == std::string::npos) return arn;
  return arn.substr(0, slash + 6) +
         with_placeholders(
             arn.substr(slash + 6),
             {{service, "{service}"}, {settings.platform, "{platform}"}, {env, "{env}"}});
}

// Every instance of one service, in environment order.
std::map<std::string, std::vector<const AdoptedInstance*>> by_service(
    const std::vector<AdoptedInstance>& instances) {
  std::map<std::string, std::vector<const AdoptedInstance*>> out;
  for (const auto& i : instances) out[i.service].push_back(&i);
  return out;
}

// The IAM role patterns: the one most services use is the platform's, the others their own.
void infer_roles(const std::vector<AdoptedInstance>& instances, const AdoptedValues& values,
                 const AdoptFacts& given, PlatformSettings& settings, AdoptFindings& findings) {
  std::map<std::string, std::string> service_pattern;  // one pattern, agreed by all its files
  std::map<std::string, std::vector<std::string>> users;
  for (const auto& [service, list] : by_service(instances)) {
    std::set<std::string> patterns;
    for (const auto* i : list) {
      const auto arn = yaml_string_at(values.at(i->value_file),
                                      {"serviceAccount", "annotations", kRoleAnnotation});
      if (!arn.empty()) patterns.insert(role_pattern(arn, settings, service, i->env));
    }
    if (patterns.size() != 1) continue;  // none, or per file: hand edits the merges keep
    service_pattern[service] = *patterns.begin();
    users[*patterns.begin()].push_back(service);
  }
  if (const auto g = given.find("irsa-role-arn"); g != given.end()) {
    settings.irsa_role_arn = g->second;
    findings.facts.push_back({"IAM role pattern", g->second, "--irsa-role-arn"});
  } else if (users.empty()) {
    findings.gaps.push_back("IAM role pattern: no value file has a serviceAccount annotation " +
                            std::string(kRoleAnnotation) + " (give --irsa-role-arn)");
    return;
  } else {
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& [pattern, services] : users) ranked.emplace_back(services.size(), pattern);
    std::sort(ranked.rbegin(), ranked.rend());
    if (ranked.size() > 1 && ranked[0].first == ranked[1].first) {
      findings.gaps.push_back("IAM role pattern: as many services use " + ranked[0].second +
                              " as " + ranked[1].second + " (give --irsa-role-arn)");
      return;
    }
    settings.irsa_role_arn = ranked[0].second;
    const auto& services = users[settings.irsa_role_arn];
    findings.facts.push_back(
        {"IAM role pattern", settings.irsa_role_arn,
         "the serviceAccount of " + services.front() +
             (services.size() > 1 ? " and " + std::to_string(services.size() - 1) + " more"
                                  : std::string())});
  }
  for (const auto& [service, pattern] : service_pattern)
    if (pattern != settings.irsa_role_arn) {
      settings.service_roles[service] = pattern;
      findings.facts.push_back({"IAM role pattern of " + service, pattern, "its serviceAccount"});
    }
}

// Where the hosts' certificates come from: a cert-manager issuer, a Traefik resolver, or neither.
void infer_certificates(const std::vector<AdoptedInstance>& instances, const AdoptedValues& values,
                        const AdoptFacts& given, PlatformSettings& settings,
                        AdoptFindings& findings) {
  const bool issuer_given = given.count("tls-issuer") > 0;
  const bool resolver_given = given.count("tls-cert-resolver") > 0;
  if (issuer_given || resolver_given) {
    settings.tls_issuer = issuer_given ? given.at("tls-issuer") : "";
    settings.tls_cert_resolver = resolver_given ? given.at("tls-cert-resolver") : "";
    findings.facts.push_back(
        {"certificates",
         issuer_given ? "issuer " + settings.tls_issuer : "resolver " + settings.tls_cert_resolver,
         issuer_given ? "--tls-issuer" : "--tls-cert-resolver"});
    return;
  }
  Seen seen;
  for (const auto& i : instances) {
    const auto& doc = values.at(i.value_file);
    const auto issuer = yaml_string_at(doc, {"ingress", "certificate", "issuerRef", "name"});
    const auto resolver = yaml_string_at(doc, {"ingress", "tls", "certResolver"});
    seen[issuer.empty() ? (resolver.empty() ? "" : "resolver " + resolver) : "issuer " + issuer]
        .push_back(i.value_file);
  }
  if (seen.size() != 1) {
    settle_fact("certificates", "tls-issuer", seen, given, findings, "value file");
    return;
  }
  const auto& [value, files] = *seen.begin();
  settings.tls_issuer = value.rfind("issuer ", 0) == 0 ? value.substr(7) : "";
  settings.tls_cert_resolver = value.rfind("resolver ", 0) == 0 ? value.substr(9) : "";
  findings.facts.push_back(
      {"certificates", value.empty() ? "none named" : value,
       files.front() + (files.size() > 1 ? " and the other value files" : std::string())});
}

}  // namespace

std::optional<std::string> production_host_of(const std::string& host, const std::string& env,
                                              Tier tier) {
  if (tier == Tier::production) return host;
  const auto dot = host.find('.');
  const auto label = "." + env;
  if (dot == std::string::npos) return std::nullopt;
  if (host.compare(dot, label.size() + 1, label + ".") == 0)
    return host.substr(0, dot) + host.substr(dot + label.size());
  if (host.size() > label.size() &&
      host.compare(host.size() - label.size(), label.size(), label) == 0 &&
      host.find('.') == host.size() - label.size())
    return host.substr(0, host.size() - label.size());
  return std::nullopt;
}

AdoptedValues read_adopted_values(const Workspace& repo,
                                  const std::vector<AdoptedInstance>& instances,
                                  AdoptFindings& findings) {
  AdoptedValues out;
  for (const auto& i : instances) {
    try {
      auto doc = yaml_load_guarded(*repo.read(i.value_file), i.value_file);
      if (!doc.IsMap()) throw Error("not a mapping of chart values");
      out.emplace(i.value_file, std::move(doc));
    } catch (const std::exception& e) {
      findings.gaps.push_back(i.value_file + ": not a value file adopt can read (" + e.what() +
                              ")");
    }
  }
  return out;
}

void infer_service_settings(const std::vector<AdoptedInstance>& instances,
                            const AdoptedValues& values, const AdoptFacts& given,
                            PlatformSettings& settings, AdoptFindings& findings) {
  Seen registries, domains, regions;
  for (const auto& i : instances) {
    const auto& doc = values.at(i.value_file);
    const auto image = yaml_string_at(doc, {"image", "repository"});
    const auto suffix = "/" + settings.platform + "-" + i.service;
    if (image.size() > suffix.size() &&
        image.compare(image.size() - suffix.size(), suffix.size(), suffix) == 0)
      registries[image.substr(0, image.size() - suffix.size())].push_back(i.value_file);
    const auto host = production_host_of(first_route(doc).first, i.env, tier_in(settings, i.env));
    if (host && host->rfind(i.service + ".", 0) == 0)
      domains[host->substr(i.service.size() + 1)].push_back(i.value_file);
    const auto region = yaml_string_at(doc, {"secretsManager", "region"});
    if (!region.empty()) regions[region].push_back(i.value_file);
  }
  settings.registry =
      settle_fact("registry", "registry", registries, given, findings,
                  "value file's image.repository (<registry>/" + settings.platform + "-<service>)");
  settings.domain = settle_fact("domain", "domain", domains, given, findings,
                                "value file's production host (<service>.<domain>)");
  settings.region = settle_fact("region", "region", regions, given, findings,
                                "value file's secretsManager.region");
  infer_roles(instances, values, given, settings, findings);
  infer_certificates(instances, values, given, settings, findings);
  if (const auto g = given.find("kubernetes-version"); g != given.end()) {
    settings.kubernetes_version = g->second;
    findings.facts.push_back({"Kubernetes version", g->second, "--kubernetes-version"});
  } else {
    findings.gaps.push_back(
        "Kubernetes version: no file says which minor version the clusters run (give "
        "--kubernetes-version, such as " +
        std::string(kDefaultKubernetesVersion) + ")");
  }
}

std::vector<ServiceSpec> infer_service_specs(const std::vector<AdoptedInstance>& instances,
                                             const AdoptedValues& values,
                                             const PlatformSettings& settings,
                                             AdoptFindings& findings) {
  std::vector<ServiceSpec> specs;
  for (const auto& [service, list] : by_service(instances)) {
    ServiceSpec spec;
    spec.name = service;
    std::set<std::string> languages;
    for (const auto* i : list)
      languages.insert(yaml_string_at(values.at(i->value_file), {"language"}));
    if (languages.size() != 1 || languages.begin()->empty()) {
      findings.gaps.push_back(
          "language of " + service + ": " +
          (languages.size() > 1 ? "its value files disagree" : "no value file of it says it") +
          " (set language: to one of " + language_names(", ") + " in " + list.back()->value_file +
          " and the others)");
      continue;
    }
    spec.language = *languages.begin();
    const LanguagePreset* preset = nullptr;
    try {
      preset = &find_preset(spec.language);
    } catch (const Error& e) {
      findings.gaps.push_back("language of " + service + ": " + e.what());
      continue;
    }
    if (list.size() != settings.environments.size())
      for (const auto* i : list) spec.envs.push_back(i->env);
    // The fields come from the most production-like environment; the others differ by hand.
    const auto* last = list.back();
    const auto& doc = values.at(last->value_file);
    const auto tier = tier_in(settings, last->env);
    const auto defaults = service_defaults(settings, service, *preset);
    const auto image = yaml_string_at(doc, {"image", "repository"});
    if (!image.empty() && image != defaults.image) spec.image = image;
    const auto port = yaml_at(doc, {"service", "targetPort"});
    if (port && port.IsScalar()) {
      try {
        const auto n = parse_bounded_int("port", port.Scalar(), 65535);
        if (n != defaults.port) spec.port = n;
      } catch (const Error&) {
      }
    }
    const auto [host, path] = first_route(doc);
    const auto production = production_host_of(host, last->env, tier);
    if (production && !production->empty() && *production != defaults.host) spec.host = *production;
    if (!path.empty() && path != defaults.path) spec.path = path;
    for (const auto* i : list) {
      const auto replicas = yaml_at(values.at(i->value_file), {"replicaCount"});
      if (!replicas || !replicas.IsScalar()) continue;
      try {
        const auto n = parse_bounded_int("replicas", replicas.Scalar(), 1000);
        if (n != preset->facts(tier_in(settings, i->env)).replicas) spec.replicas[i->env] = n;
      } catch (const Error&) {
      }
    }
    // Secrets named as gitopsgen names them: <env>/<platform>/<service>/<name>.
    const auto objects = yaml_at(doc, {"secretsManager", "objects"});
    const auto prefix = last->env + "/" + settings.platform + "/" + service + "/";
    if (objects && objects.IsSequence())
      for (const auto& object : objects) {
        const auto name = yaml_string_at(object, {"objectName"});
        if (name.rfind(prefix, 0) != 0) continue;
        SecretSpec secret{name.substr(prefix.size()), {}};
        const auto paths = yaml_at(object, {"jmesPath"});
        if (paths && paths.IsSequence())
          for (const auto& p : paths) secret.keys.push_back(yaml_string_at(p, {"path"}));
        try {
          validate_secret(secret);
          spec.secrets.push_back(std::move(secret));
        } catch (const Error&) {
        }
      }
    if (const auto role = settings.service_roles.find(service);
        role != settings.service_roles.end())
      spec.iam_role_arn = role->second;
    // Variables every environment sets alike that the preset does not: the service's own.
    std::vector<std::pair<std::string, std::string>> common;
    for (std::size_t n = 0; n < list.size(); ++n) {
      const auto* i = list[list.size() - 1 - n];
      const auto resolved = resolve_service(settings, spec, Environment{i->env, i->env},
                                            tier_in(settings, i->env), std::nullopt);
      std::vector<std::pair<std::string, std::string>> own;
      const auto env = yaml_at(values.at(i->value_file), {"env"});
      if (env && env.IsSequence())
        for (const auto& var : env) {
          const auto name = yaml_string_at(var, {"name"});
          const auto value = yaml_at(var, {"value"});
          if (name.empty() || !value || !value.IsScalar()) continue;
          const bool preset_has = std::any_of(
              resolved.env_vars.begin(), resolved.env_vars.end(),
              [&](const EnvVar& v) { return v.name == name && v.value == value.Scalar(); });
          if (!preset_has) own.emplace_back(name, value.Scalar());
        }
      if (n == 0) {
        common = own;
      } else {
        common.erase(std::remove_if(common.begin(), common.end(),
                                    [&](const auto& v) {
                                      return std::find(own.begin(), own.end(), v) == own.end();
                                    }),
                     common.end());
      }
    }
    for (const auto& [name, value] : common) {
      try {
        validate_env_var(name, value);
        spec.env.emplace_back(name, value);
      } catch (const Error&) {
      }
    }
    try {
      validate_service_spec(spec, settings.registry);
    } catch (const Error& e) {
      findings.gaps.push_back("service " + service + ": " + e.what());
      continue;
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

}  // namespace gitopsgen
