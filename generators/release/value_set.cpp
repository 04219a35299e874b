#include "generators/release/value_set.hpp"

#include <yaml-cpp/yaml.h>

#include "generators/error.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/service_spec.hpp"
#include "generators/yaml/yaml_node_edit.hpp"
#include "generators/yaml/yaml_typed_value.hpp"

namespace gitopsgen {
namespace {

// `key` split on dots, all-digit parts read as sequence indices; throws Error on an empty part.
YamlNodePath parse_key(const std::string& key) {
  YamlNodePath path;
  std::size_t start = 0;
  while (true) {
    const auto dot = key.find('.', start);
    const auto part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty()) throw UsageError("key path '" + key + "' has an empty part");
    if (part.find_first_not_of("0123456789") == std::string::npos && part.size() < 10)
      path.emplace_back(static_cast<std::size_t>(std::stoul(part)));
    else
      path.emplace_back(part);
    if (dot == std::string::npos) return path;
    start = dot + 1;
  }
}

// The mapping keys of `path`, or nothing when it steps into a sequence.
std::optional<YamlKeyPath> keys_only(const YamlNodePath& path) {
  YamlKeyPath keys;
  for (const auto& step : path) {
    if (!std::holds_alternative<std::string>(step)) return std::nullopt;
    keys.push_back(std::get<std::string>(step));
  }
  return keys;
}

struct Assignment {
  std::string key;
  YamlNodePath path;
  std::string value;
};

std::vector<Assignment> parse_assignments(const std::vector<std::string>& given) {
  if (given.empty()) throw UsageError("give at least one KEY=VALUE");
  std::vector<Assignment> out;
  for (const auto& a : given) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError("'" + a + "' is not KEY=VALUE (e.g. replicaCount=3)");
    const auto key = a.substr(0, eq);
    out.push_back({key, parse_key(key), a.substr(eq + 1)});
  }
  return out;
}

// The service's value file in `env`: its path and bytes; throws Error when it has none.
std::pair<std::string, std::string> value_file(const Workspace& repo,
                                               const PlatformSettings& settings,
                                               const std::string& service, const std::string& env) {
  validate_service_name(service);
  select_environments(settings, {env});
  auto path = value_file_path(settings, service, env);
  auto text = repo.read(path);
  if (!text)
    throw Error("service '" + service + "' has no value file in " + env + " (" + path + ")");
  return {std::move(path), std::move(*text)};
}

// `text` with `a` made, typed as `token` says (nothing: a string).
std::string with_assignment(const std::string& text, const Assignment& a,
                            const std::optional<std::string>& token) {
  const auto keys = keys_only(a.path);
  if (keys)
    return token ? yaml_set_plain_token(text, *keys, *token)
                 : yaml_set_scalar(text, *keys, a.value);
  if (token)
    throw UsageError("cannot set " + a.key + " to the " + typed_token_kind(*token) + " " + *token +
                     ": inside a list only strings are written yet (--string)");
  return yaml_set_node(text, a.path, a.value);
}

std::vector<std::string> envs_of(const Workspace& repo, const PlatformSettings& settings,
                                 const SetValuesRequest& request) {
  if (request.all_envs == !request.envs.empty())
    throw UsageError(request.all_envs ? "give --env or --all-envs, not both"
                                      : "name an environment with --env, or --all-envs");
  if (!request.all_envs) return request.envs;
  validate_service_name(request.service);
  std::vector<std::string> envs;
  for (const auto& i : list_service_instances(repo, settings))
    if (i.service == request.service) envs.push_back(i.env);
  if (envs.empty()) throw Error("service '" + request.service + "' is not deployed anywhere");
  return envs;
}

}  // namespace

SetValuesPlan plan_set_values(const Workspace& repo, const PlatformSettings& settings,
                              const SetValuesRequest& request) {
  const auto assignments = parse_assignments(request.assignments);
  const auto envs = envs_of(repo, settings, request);
  SetValuesPlan plan{{ChangeSet(repo), {}, {}, {}}, {}};
  std::string body;
  for (const auto& env : envs) {
    const auto [path, original] = value_file(repo, settings, request.service, env);
    auto text = original;
    for (const auto& a : assignments) {
      const auto token = request.force_string ? std::nullopt : typed_plain_token(a.value);
      std::optional<std::string> before;
      try {
        before = yaml_read_node(text, a.path);
        const auto after = with_assignment(text, a, token);
        if (after == text) continue;
        text = after;
      } catch (const UsageError&) {
        throw;
      } catch (const Error& e) {
        throw Error(path + ": " + e.what());
      }
      plan.edits.push_back({request.service, env, a.key, before, a.value});
      body += request.service + "/" + env + ": " + a.key + " " + before.value_or("(none)") + " → " +
              a.value + "\n";
    }
    plan.release.changes.put(path, text);
  }
  std::string where;
  for (const auto& env : envs) where += (where.empty() ? "" : ", ") + env;
  plan.release.message =
      "chore(values): set " + request.service + " values in " + where + "\n\n" + body;
  return plan;
}

std::string get_value(const Workspace& repo, const PlatformSettings& settings,
                      const std::string& service, const std::string& env,
                      const std::optional<std::string>& key) {
  const auto [path, text] = value_file(repo, settings, service, env);
  if (!key) return text;
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw Error(path + ": does not parse (" + e.msg + ")");
  }
  for (const auto& step : parse_key(*key)) {
    const YAML::Node here = node;  // const: a lookup never adds the key
    const auto* name = std::get_if<std::string>(&step);
    const auto* index = std::get_if<std::size_t>(&step);
    const bool found = (name && here.IsMap() && here[*name]) ||
                       (index && here.IsSequence() && *index < here.size());
    if (!found) throw Error(service + "/" + env + " has no value at " + *key + " (" + path + ")");
    node.reset(name ? here[*name] : here[*index]);
  }
  if (node.IsScalar()) return node.Scalar() + "\n";
  if (node.IsNull()) return "null\n";
  YAML::Emitter out;
  out << node;
  return std::string(out.c_str()) + "\n";
}

}  // namespace gitopsgen
