#include "generators/services/service_spec.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>
#include <set>

#include "generators/error.hpp"
#include "generators/platform/names.hpp"
#include "generators/platform/settings.hpp"
#include "generators/services/language_presets.hpp"
#include "generators/yaml/json_value.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(sep, start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string where(const std::string& source, const YAML::Node& node) {
  return source + ":" + std::to_string(node.Mark().line + 1);
}

// libstdc++'s std::regex matches recursively, a stack frame per character, so a long enough value
// would overflow the stack: values longer than `max` are refused before a regex sees them.
void require_length(const std::string& what, const std::string& value, std::size_t max) {
  if (value.size() > max)
    throw Error(what + " has " + std::to_string(value.size()) + " characters, more than the " +
                std::to_string(max) + " allowed");
}

// A mapping key as text; yaml-cpp would throw its own exception for a key that is a mapping,
// a list or empty.
std::string key_of(const YAML::Node& key, const std::string& source) {
  if (!key.IsScalar()) throw Error(where(source, key) + ": a key must be a string");
  return key.as<std::string>();
}

std::string scalar(const YAML::Node& node, const std::string& key, const std::string& source) {
  if (!node.IsScalar()) throw Error(where(source, node) + ": '" + key + "' must be a string");
  return node.as<std::string>();
}

}  // namespace

void validate_service_name(const std::string& name) {
  require_dns1123_label("service name", name);
}

void validate_image_repository(const std::string& repository,
                               const std::string& platform_registry) {
  // The distribution reference grammar: [domain[:port]/]path-component(/path-component)*.
  static const std::regex path(
      R"([a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*)");
  require_length("image repository", repository, 255);
  const auto prefix = platform_registry + "/";
  if (repository.size() > prefix.size() && repository.compare(0, prefix.size(), prefix) == 0 &&
      std::regex_match(repository.substr(prefix.size()), path))
    return;
  static const std::regex domain(
      R"((([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:]+\])(:[0-9]+)?)");
  // As Docker reads it: the first component names a registry only when it holds '.' or ':' or is
  // localhost; otherwise every component is a (lowercase) path component.
  const auto slash = repository.find('/');
  const auto first = repository.substr(0, slash);
  const bool has_domain = slash != std::string::npos &&
                          (first.find_first_of(".:") != std::string::npos || first == "localhost");
  const bool valid = has_domain ? std::regex_match(first, domain) &&
                                      std::regex_match(repository.substr(slash + 1), path)
                                : std::regex_match(repository, path);
  if (!valid)
    throw Error("image repository '" + repository +
                "' is not a valid container image reference (lowercase path, optional "
                "registry host; no tag)");
}

void validate_image_tag(const std::string& tag) {
  static const std::regex valid(R"([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})");
  if (!std::regex_match(tag, valid))
    throw Error("image tag '" + tag +
                "' is not a valid tag (letters, digits, '_', '.', '-'; "
                "at most 128, not starting with '.' or '-')");
}

void validate_host(const std::string& host) {
  if (!is_dns1123_subdomain(host)) throw Error("host '" + host + "' is not a valid DNS name");
}

void validate_ingress_path(const std::string& path) {
  // Traefik rules quote the path in backticks: allow only unreserved URL path characters.
  static const std::regex valid(R"(/[A-Za-z0-9/._~-]*)");
  if (path.empty() || path.front() != '/')
    throw Error("ingress path '" + path + "' must start with '/'");
  require_length("ingress path", path, 1024);
  if (!std::regex_match(path, valid))
    throw Error("ingress path '" + path + "' may hold only letters, digits and / . _ ~ -");
  const auto segment = [&](const std::string& s) {
    return path.find("/" + s + "/") != std::string::npos ||
           (path.size() >= s.size() + 1 &&
            path.compare(path.size() - s.size() - 1, std::string::npos, "/" + s) == 0);
  };
  if (segment(".") || segment(".."))
    throw Error("ingress path '" + path + "' may not hold a '.' or '..' segment");
}

void validate_port(int port) {
  if (port < 1 || port > 65535) throw Error("port " + std::to_string(port) + " is outside 1-65535");
}

void validate_secret(const SecretSpec& secret) {
  static const std::regex name(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?)");
  static const std::regex key(R"([A-Za-z_][A-Za-z0-9_]*)");
  if (secret.name.size() > 63 || !std::regex_match(secret.name, name))
    throw Error("secret name '" + secret.name + "' must be lowercase letters, digits and '-'");
  if (secret.keys.empty()) throw Error("secret '" + secret.name + "' needs at least one key");
  std::set<std::string> seen;
  for (const auto& k : secret.keys) {
    require_length("a secret key of '" + secret.name + "'", k, 253);
    if (!std::regex_match(k, key))
      throw Error("secret key '" + k + "' of '" + secret.name +
                  "' must be a JSON identifier (letters, digits, '_')");
    if (!seen.insert(k).second)
      throw Error("secret '" + secret.name + "' lists key '" + k + "' twice");
  }
}

void validate_env_var(const std::string& name, const std::string& value) {
  static const std::regex valid(R"([A-Za-z_][A-Za-z0-9_]*)");
  require_length("an environment variable name", name, 253);
  if (!std::regex_match(name, valid))
    throw Error("environment variable name '" + name + "' must be letters, digits and '_'");
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f)
      throw Error("environment variable " + name + " must be one line without control characters");
  }
}

void parse_env_flag(const std::string& text,
                    std::vector<std::pair<std::string, std::string>>& env) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) throw UsageError("--env '" + text + "' is not NAME=VALUE");
  const auto name = text.substr(0, eq);
  const auto value = text.substr(eq + 1);
  validate_env_var(name, value);
  std::erase_if(env, [&](const auto& e) { return e.first == name; });
  env.emplace_back(name, value);
}

SecretSpec parse_secret_flag(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos)
    throw UsageError("--secret '" + text +
                     "' is not NAME:key[,key...] (e.g. database:url,username,password)");
  SecretSpec secret{text.substr(0, colon), split(text.substr(colon + 1), ',')};
  if (secret.keys.size() == 1 && secret.keys[0].empty()) secret.keys.clear();
  validate_secret(secret);
  return secret;
}

int parse_bounded_int(const std::string& what, const std::string& text, int max) {
  static const std::regex digits("[0-9]{1,9}");
  if (!std::regex_match(text, digits) || std::stoi(text) < 1 || std::stoi(text) > max)
    throw Error(what + " '" + text + "' is not a whole number from 1 to " + std::to_string(max));
  return std::stoi(text);
}

void parse_replicas_flag(const std::string& text, std::map<std::string, int>& replicas) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) throw UsageError("--replicas '" + text + "' is not ENV=N");
  replicas[text.substr(0, eq)] = parse_bounded_int("replica count", text.substr(eq + 1), 1000);
}

void parse_tag_flag(const std::string& text, ServiceSpec& spec) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) {
    spec.tag = text;
    return;
  }
  if (eq == 0) throw UsageError("--tag '" + text + "' names no environment (ENV=TAG)");
  spec.tags[text.substr(0, eq)] = text.substr(eq + 1);
}

std::optional<UnchosenEnvironment> unchosen_environment(const ServiceSpec& spec,
                                                        const std::vector<std::string>& chosen) {
  const auto missing = [&](const std::string& env) {
    return std::find(chosen.begin(), chosen.end(), env) == chosen.end();
  };
  for (const auto& replicas : spec.replicas)
    if (missing(replicas.first)) return UnchosenEnvironment{"replicas", replicas.first};
  for (const auto& tag : spec.tags)
    if (missing(tag.first)) return UnchosenEnvironment{"tags", tag.first};
  return std::nullopt;
}

void validate_service_spec(const ServiceSpec& spec, const std::string& platform_registry) {
  validate_service_name(spec.name);
  find_preset(spec.language);
  if (spec.image) validate_image_repository(*spec.image, platform_registry);
  if (spec.tag) validate_image_tag(*spec.tag);
  for (const auto& tag : spec.tags) validate_image_tag(tag.second);
  if (spec.port) validate_port(*spec.port);
  if (spec.host) validate_host(*spec.host);
  if (spec.path) validate_ingress_path(*spec.path);
  if (spec.iam_role_arn) validate_role_pattern("IAM role of " + spec.name, *spec.iam_role_arn);
  for (const auto& [name, value] : spec.env) validate_env_var(name, value);
  std::set<std::string> names;
  for (const auto& s : spec.secrets) {
    validate_secret(s);
    if (!names.insert(s.name).second) throw Error("secret '" + s.name + "' is given twice");
  }
}

ServiceSpec service_spec_from_yaml(const std::string& text, const std::string& source) {
  return service_spec_from_node(parse_yaml(text, source), source);
}

ServiceSpec service_spec_from_node(const YAML::Node& root, const std::string& source) {
  if (!root.IsMap()) throw Error(where(source, root) + ": expected a mapping of service fields");
  ServiceSpec spec;
  for (const auto& item : root) {
    const auto key = key_of(item.first, source);
    const auto& value = item.second;
    try {
      if (key == "name")
        spec.name = scalar(value, key, source);
      else if (key == "language")
        spec.language = scalar(value, key, source);
      else if (key == "image")
        spec.image = scalar(value, key, source);
      else if (key == "tag")
        spec.tag = scalar(value, key, source);
      else if (key == "tags") {
        if (!value.IsMap()) throw Error(where(source, value) + ": 'tags' must map ENV: TAG");
        for (const auto& t : value)
          spec.tags[key_of(t.first, source)] = scalar(t.second, key, source);
      } else if (key == "port")
        spec.port = parse_bounded_int("port", scalar(value, key, source), 65535);
      else if (key == "host")
        spec.host = scalar(value, key, source);
      else if (key == "path")
        spec.path = scalar(value, key, source);
      else if (key == "iamRoleArn")
        spec.iam_role_arn = scalar(value, key, source);
      else if (key == "envs") {
        if (!value.IsSequence()) throw Error(where(source, value) + ": 'envs' must be a list");
        for (const auto& e : value) spec.envs.push_back(scalar(e, key, source));
      } else if (key == "replicas") {
        if (!value.IsMap()) throw Error(where(source, value) + ": 'replicas' must map ENV: N");
        for (const auto& r : value)
          spec.replicas[key_of(r.first, source)] =
              parse_bounded_int("replica count", scalar(r.second, "replicas", source), 1000);
      } else if (key == "env") {
        if (!value.IsMap()) throw Error(where(source, value) + ": 'env' must map NAME: value");
        for (const auto& e : value)
          parse_env_flag(key_of(e.first, source) + "=" + scalar(e.second, "env", source), spec.env);
      } else if (key == "secrets") {
        if (!value.IsSequence()) throw Error(where(source, value) + ": 'secrets' must be a list");
        for (const auto& s : value) {
          if (!s.IsMap() || !s["name"] || !s["keys"] || !s["keys"].IsSequence())
            throw Error(where(source, s) + ": each secret needs 'name' and a list of 'keys'");
          SecretSpec secret{scalar(s["name"], "name", source), {}};
          for (const auto& k : s["keys"]) secret.keys.push_back(scalar(k, "keys", source));
          spec.secrets.push_back(std::move(secret));
        }
      } else {
        throw Error(where(source, item.first) + ": unknown field '" + key + "'");
      }
    } catch (const Error& e) {
      const std::string message = e.what();
      if (message.rfind(source, 0) == 0) throw;
      throw Error(where(source, value) + ": " + message);
    }
  }
  return spec;
}

std::string spec_inputs(const ServiceSpec& spec) {
  auto out = JsonValue::object();
  out.add("name", spec.name).add("language", spec.language);
  if (spec.image) out.add("image", *spec.image);
  if (spec.port) out.add("port", *spec.port);
  if (spec.host) out.add("host", *spec.host);
  if (spec.path) out.add("path", *spec.path);
  if (spec.iam_role_arn) out.add("iamRoleArn", *spec.iam_role_arn);
  if (!spec.envs.empty()) out.add("envs", JsonValue::strings(spec.envs));
  if (!spec.replicas.empty()) {
    auto replicas = JsonValue::object();
    for (const auto& [env, count] : spec.replicas) replicas.add(env, count);
    out.add("replicas", std::move(replicas));
  }
  if (!spec.env.empty()) {
    auto env = JsonValue::object();
    for (const auto& [name, value] : spec.env) env.add(name, value);
    out.add("env", std::move(env));
  }
  if (!spec.secrets.empty()) {
    auto secrets = JsonValue::array();
    for (const auto& s : spec.secrets)
      secrets.push(JsonValue::object().add("name", s.name).add("keys", JsonValue::strings(s.keys)));
    out.add("secrets", std::move(secrets));
  }
  return to_json(out);
}

ServiceSpec spec_from_inputs(const std::string& inputs, const std::string& source) {
  auto spec = service_spec_from_yaml(inputs, source);
  if (spec.name.empty() || spec.language.empty() || spec.tag || !spec.tags.empty())
    throw Error(source + ": the recorded inputs need a name and a language, and no tag");
  return spec;
}

ServiceSpec overlay_spec(ServiceSpec recorded, const ServiceSpec& given) {
  if (!given.language.empty()) recorded.language = given.language;
  for (const auto field : std::initializer_list<std::optional<std::string> ServiceSpec::*>{
           &ServiceSpec::image, &ServiceSpec::tag, &ServiceSpec::host, &ServiceSpec::path,
           &ServiceSpec::iam_role_arn})
    if (given.*field) recorded.*field = given.*field;
  if (given.port) recorded.port = given.port;
  if (!given.secrets.empty()) recorded.secrets = given.secrets;
  if (!given.envs.empty()) recorded.envs = given.envs;
  for (const auto& [env, count] : given.replicas) recorded.replicas[env] = count;
  for (const auto& [env, tag] : given.tags) recorded.tags[env] = tag;
  for (const auto& variable : given.env) {
    const auto same = std::find_if(recorded.env.begin(), recorded.env.end(),
                                   [&](const auto& e) { return e.first == variable.first; });
    if (same == recorded.env.end())
      recorded.env.push_back(variable);
    else
      same->second = variable.second;
  }
  return recorded;
}

}  // namespace gitopsgen
