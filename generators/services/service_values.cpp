#include "generators/services/service_values.hpp"

#include <algorithm>
#include <cctype>

#include "generators/error.hpp"
#include "generators/platform/platform_data.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/yaml/yaml_probe.hpp"
#include "generators/yaml/yaml_scalar.hpp"

namespace gitopsgen {
namespace {

// Splits camelCase and snake_case into lowercase words.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '_' || c == '-') {
      if (!out.back().empty()) out.emplace_back();
      continue;
    }
    if (std::isupper(c) && i > 0 && !out.back().empty() &&
        (std::islower(static_cast<unsigned char>(text[i - 1])) ||
         std::isdigit(static_cast<unsigned char>(text[i - 1]))))
      out.emplace_back();
    out.back() += static_cast<char>(std::tolower(c));
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

std::string join(const std::vector<std::string>& parts, char sep, bool upper) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    for (char c : p)
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
  }
  return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

// The production host with the environment inserted after its first label.
std::string environment_host(const std::string& production_host, const Environment& env,
                             Tier tier) {
  if (tier == Tier::production) return production_host;
  const auto dot = production_host.find('.');
  if (dot == std::string::npos) return production_host + "." + env.name;
  return production_host.substr(0, dot) + "." + env.name + production_host.substr(dot);
}

TemplateData object_of(std::initializer_list<std::pair<const char*, std::string>> fields) {
  TemplateData d;
  for (const auto& [k, v] : fields) d.set(k, v);
  return d;
}

void expect(bool ok, const std::string& file, const std::string& what) {
  if (!ok) throw Error("generated " + file + " does not read back " + what + " as given");
}

}  // namespace

std::string secret_alias(const std::string& name, const std::string& key) {
  auto parts = words(name);
  const auto key_words = words(key);
  parts.insert(parts.end(), key_words.begin(), key_words.end());
  return join(parts, '-', false);
}

std::string secret_env_key(const std::string& name, const std::string& key) {
  auto parts = words(name);
  const auto key_words = words(key);
  parts.insert(parts.end(), key_words.begin(), key_words.end());
  return join(parts, '_', true);
}

ServiceDefaults service_defaults(const PlatformSettings& settings, const std::string& name,
                                 const LanguagePreset& preset) {
  return {settings.registry + "/" + settings.platform + "-" + name, "1.0.0",
          name + "." + settings.domain, "/api/v1/" + name, preset.port};
}

ResolvedService resolve_service(const PlatformSettings& settings, const ServiceSpec& spec,
                                const Environment& env, Tier tier,
                                const std::optional<std::string>& kept_tag) {
  const auto& preset = find_preset(spec.language);
  const auto defaults = service_defaults(settings, spec.name, preset);
  ResolvedService r{env, tier, spec.name, &preset, {}, {}, 0, 0, {}, {}, {}, {}};
  r.image_repository = spec.image.value_or(defaults.image);
  const auto tag = spec.tags.find(env.name);
  r.image_tag = tag != spec.tags.end() ? tag->second
                : spec.tag             ? *spec.tag
                                       : kept_tag.value_or(defaults.tag);
  const auto& facts = preset.facts(tier);
  const auto replicas = spec.replicas.find(env.name);
  r.replicas = replicas != spec.replicas.end() ? replicas->second : facts.replicas;
  r.port = spec.port.value_or(defaults.port);
  r.host = environment_host(spec.host.value_or(defaults.host), env, tier);
  r.path = spec.path.value_or(defaults.path);
  const std::string profile = tier == Tier::dev ? "development" : "production";
  for (const auto& var : facts.env) {
    auto value = replace_all(var.value, "{env}", env.name);
    value = replace_all(value, "{port}", std::to_string(r.port));
    r.env_vars.push_back({var.name, replace_all(value, "{profile}", profile)});
  }
  for (const auto& [name, value] : spec.env) {
    auto it = std::find_if(r.env_vars.begin(), r.env_vars.end(),
                           [&name = name](const EnvVar& v) { return v.name == name; });
    if (it != r.env_vars.end())
      it->value = value;
    else
      r.env_vars.push_back({name, value});
  }
  for (const auto& secret : spec.secrets) {
    ResolvedSecret s{
        secret.name, env.name + "/" + settings.platform + "/" + spec.name + "/" + secret.name, {}};
    for (const auto& key : secret.keys)
      s.keys.push_back({key, secret_alias(secret.name, key), secret_env_key(secret.name, key)});
    r.secrets.push_back(std::move(s));
  }
  return r;
}

TemplateData service_template_data(const PlatformSettings& settings, const ResolvedService& r) {
  TemplateData d;
  const auto& preset = *r.preset;
  d.set("header", r.service + " (" + preset.description + ") in " + r.env.name);
  d.set("service", r.service);
  d.set("language", preset.language);
  d.set("runtime", preset.runtime);
  d.set("image_repository", r.image_repository);
  d.set("image_tag", r.image_tag);
  d.set("replicas", std::to_string(r.replicas));
  d.set("port", std::to_string(r.port));
  TemplateData env_list{TemplateData::type::list};
  for (const auto& v : r.env_vars)
    env_list.push_back(object_of({{"name", v.name}, {"value", v.value}}));
  d.set("env", env_list);
  const auto& res = preset.facts(r.tier).resources;
  d.set("request_cpu", res.request_cpu);
  d.set("request_memory", res.request_memory);
  d.set("limit_cpu", res.limit_cpu);
  d.set("limit_memory", res.limit_memory);
  TemplateData probes{TemplateData::type::list};
  std::vector<std::pair<const char*, const Probe*>> preset_probes;
  if (preset.startup) preset_probes.emplace_back("startupProbe", &*preset.startup);
  preset_probes.emplace_back("livenessProbe", &preset.liveness);
  preset_probes.emplace_back("readinessProbe", &preset.readiness);
  for (const auto& [key, probe] : preset_probes) {
    probes.push_back(
        object_of({{"probe_key", key},
                   {"probe_path", probe->path},
                   {"initial_delay_seconds", std::to_string(probe->initial_delay_seconds)},
                   {"period_seconds", std::to_string(probe->period_seconds)},
                   {"timeout_seconds", std::to_string(probe->timeout_seconds)},
                   {"failure_threshold", std::to_string(probe->failure_threshold)}}));
  }
  d.set("probes", probes);
  d.set("metrics_path", preset.metrics_path);
  d.set("has_secrets",
        r.secrets.empty() ? TemplateData::type::bool_false : TemplateData::type::bool_true);
  d.set("config_name", r.service + "-config");
  d.set("secret_name", r.service + "-secrets");
  d.set("irsa_role_arn", service_role_arn(settings, r.service, r.env.name));
  d.set("region", settings.region);
  TemplateData secrets{TemplateData::type::list};
  for (const auto& s : r.secrets) {
    TemplateData keys{TemplateData::type::list};
    for (const auto& k : s.keys)
      keys.push_back(object_of({{"key", k.key}, {"alias", k.alias}, {"env_key", k.env_key}}));
    auto secret = object_of({{"object_name", s.object_name}});
    secret.set("keys", keys);
    secrets.push_back(secret);
  }
  d.set("secrets", secrets);
  d.set("host", r.host);
  d.set("path", r.path);
  add_tls_template_data(d, settings);
  // The Application.
  d.set("app_name", application_name(settings, r.service, r.env.name));
  d.set("argocd_namespace", settings.argocd_namespace);
  d.set("env_name", r.env.name);
  d.set("env_namespace", r.env.namespace_name);
  d.set("platform", settings.platform);
  d.set("project", environment_project(settings, r.env.name));
  d.set("repo_url", settings.repo_url);
  d.set("target_revision", settings.target_revision);
  d.set("chart_path", settings.chart_path());
  d.set("value_file", "ci/" + r.service + "-" + r.env.name + ".yaml");
  d.set("handover", settings.layout == Layout::handover ? TemplateData::type::bool_true
                                                        : TemplateData::type::bool_false);
  return d;
}

namespace {

// Read-only answers about a few paths of a rendered file, from one pass of libyaml's events.
class Reader {
 public:
  Reader(const std::string& text, const std::vector<ProbePattern>& patterns)
      : probe_(text, patterns) {}
  // The scalar text at `path` ("#N" for item N of a sequence), or "" when absent or not a scalar.
  std::string text(std::initializer_list<std::string_view> path) const {
    const auto* node = probe_.at(path);
    return node && node->kind == yaml_edit::NodeKind::scalar ? node->value : "";
  }
  // True when the scalar at `path` reads back as a string for YAML 1.1 readers too.
  bool is_string(std::initializer_list<std::string_view> path) const {
    const auto* node = probe_.at(path);
    return node && node->kind == yaml_edit::NodeKind::scalar &&
           (node->style != yaml_edit::ScalarStyle::plain || is_safe_plain_scalar(node->value));
  }
  // True when the scalar at `path` is the plain integer `value`.
  bool is_int(std::initializer_list<std::string_view> path, int value) const {
    const auto* node = probe_.at(path);
    return node && node->kind == yaml_edit::NodeKind::scalar &&
           node->style == yaml_edit::ScalarStyle::plain && node->value == std::to_string(value);
  }
  // The number of items of the sequence at `path` (0 when it is not one).
  std::size_t size(std::initializer_list<std::string_view> path) const {
    const auto* node = probe_.at(path);
    return node && node->kind == yaml_edit::NodeKind::sequence ? node->items : 0;
  }

 private:
  YamlProbe probe_;
};

// Every path check_service_readback asks a value file about.
const std::vector<ProbePattern>& value_file_probes() {
  static const std::vector<ProbePattern> probes = {
      {"serviceName"},
      {"image", "repository"},
      {"image", "tag"},
      {"replicaCount"},
      {"service", "targetPort"},
      {"env"},
      {"env", "*", "name"},
      {"env", "*", "value"},
      {"ingress", "hosts", "#0", "host"},
      {"ingress", "hosts", "#0", "paths", "#0", "path"},
      {"ingress", "certificate", "issuerRef", "name"},
      {"ingress", "tls", "certResolver"},
      {"secretsManager", "objects"},
      {"secretsManager", "objects", "*", "objectName"},
      {"secretsManager", "objects", "*", "jmesPath", "*", "path"},
  };
  return probes;
}

// Every path check_service_readback asks an Application about.
const std::vector<ProbePattern>& application_probes() {
  static const std::vector<ProbePattern> probes = {
      {"metadata", "name"},
      {"spec", "destination", "namespace"},
      {"spec", "source", "repoURL"},
      {"spec", "source", "helm", "valueFiles", "#0"},
  };
  return probes;
}

std::string item(std::size_t i) {
  return "#" + std::to_string(i);
}

}  // namespace

void check_service_readback(const PlatformSettings& settings, const ResolvedService& r,
                            const std::string& value_file_text, const std::string& app_text) {
  const auto file = value_file_path(settings, r.service, r.env.name);
  const Reader v(value_file_text, value_file_probes());
  expect(v.text({"serviceName"}) == r.service, file, "serviceName");
  expect(v.text({"image", "repository"}) == r.image_repository, file, "image.repository");
  expect(v.text({"image", "tag"}) == r.image_tag, file, "image.tag");
  // A YAML 1.1 reader (Helm) must see a string too: quoted, or safe to leave plain.
  expect(v.is_string({"image", "tag"}), file, "image.tag as a string");
  expect(v.is_int({"replicaCount"}, r.replicas), file, "replicaCount");
  expect(v.is_int({"service", "targetPort"}, r.port), file, "service.targetPort");
  expect(v.size({"env"}) == r.env_vars.size(), file, "env");
  for (std::size_t i = 0; i < r.env_vars.size(); ++i) {
    expect(v.text({"env", item(i), "name"}) == r.env_vars[i].name &&
               v.text({"env", item(i), "value"}) == r.env_vars[i].value &&
               v.is_string({"env", item(i), "value"}),
           file, "env " + r.env_vars[i].name);
  }
  expect(v.text({"ingress", "hosts", "#0", "host"}) == r.host, file, "the ingress host");
  expect(v.text({"ingress", "hosts", "#0", "paths", "#0", "path"}) == r.path, file,
         "the ingress path");
  // Optional for an organisation's own templates; where written, as the settings say.
  const auto issuer = v.text({"ingress", "certificate", "issuerRef", "name"});
  expect(issuer.empty() || issuer == settings.tls_issuer, file, "the certificate's issuer");
  const auto resolver = v.text({"ingress", "tls", "certResolver"});
  expect(resolver.empty() || resolver == settings.tls_cert_resolver, file,
         "the certificate resolver");
  expect(v.size({"secretsManager", "objects"}) == r.secrets.size(), file, "the secrets");
  for (std::size_t i = 0; i < r.secrets.size(); ++i) {
    expect(v.text({"secretsManager", "objects", item(i), "objectName"}) == r.secrets[i].object_name,
           file, "a secret name");
    for (std::size_t k = 0; k < r.secrets[i].keys.size(); ++k)
      expect(v.text({"secretsManager", "objects", item(i), "jmesPath", item(k), "path"}) ==
                 r.secrets[i].keys[k].key,
             file, "a secret key");
  }
  if (app_text.empty() && !settings.application_files()) return;
  const auto app_file = application_path(settings, r.service, r.env.name);
  const Reader a(app_text, application_probes());
  expect(a.text({"metadata", "name"}) == application_name(settings, r.service, r.env.name),
         app_file, "metadata.name");
  expect(a.text({"spec", "destination", "namespace"}) == r.env.namespace_name, app_file,
         "the namespace");
  expect(a.text({"spec", "source", "repoURL"}) == settings.repo_url, app_file, "repoURL");
  expect(a.text({"spec", "source", "helm", "valueFiles", "#0"}) ==
             "ci/" + r.service + "-" + r.env.name + ".yaml",
         app_file, "helm.valueFiles");
}

}  // namespace gitopsgen
