#include "generators/release/value_set.hpp"

#include <yaml-cpp/yaml.h>

#include "generators/error.hpp"
#include "generators/release/value_paths.hpp"
#include "generators/release/value_schema.hpp"
#include "generators/yaml/yaml_node_edit.hpp"
#include "generators/yaml/yaml_node_remove.hpp"
#include "generators/yaml/yaml_typed_value.hpp"

namespace gitopsgen {
namespace {

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

// `text` with `path` set to `value`, typed as `token` says (nothing: a string).
std::string with_value(const std::string& text, const YamlNodePath& path, const std::string& value,
                       const std::optional<std::string>& token) {
  return token ? yaml_set_node_plain_token(text, path, *token) : yaml_set_node(text, path, value);
}

// `text` with the env entry `name` set to `value` (always a string: a Kubernetes EnvVar's value
// is one), added at the end of the env list when missing; `before` gets the old value.
std::string with_env_entry(const std::string& text, const std::string& name,
                           const std::string& value, std::optional<std::string>& before) {
  const auto index = env_entry_index(text, name);
  if (!index)
    return yaml_append_mapping_item(text, {std::string("env")}, {{"name", name}, {"value", value}});
  const YamlNodePath entry{std::string("env"), *index};
  auto value_path = entry;
  value_path.emplace_back(std::string("value"));
  before = yaml_read_node(text, value_path);
  if (!before) {
    auto from = entry;
    from.emplace_back(std::string("valueFrom"));
    const auto doc = YAML::Load(text);
    if (doc["env"][*index]["valueFrom"])
      throw Error("env " + name + " takes its value from valueFrom (" + node_path_text(from) +
                  "); unset it first or edit it by hand");
    throw Error("env " + name + " has no value to set (" + node_path_text(entry) + ")");
  }
  return yaml_set_node(text, value_path, value);
}

// Every edit of `original` (one value file) that `request` makes, and the text after them.
std::string set_in_file(const std::string& original, const std::vector<Assignment>& assignments,
                        const SetValuesRequest& request, const std::string& env,
                        const std::optional<ValueSchema>& schema, std::vector<ValueEdit>& edits) {
  auto text = original;
  for (const auto& a : assignments) {
    const auto token = request.force_string ? std::nullopt : typed_plain_token(a.value);
    std::optional<std::string> before;
    std::string after;
    if (const auto name = env_entry_name(a.path)) {
      after = with_env_entry(text, *name, a.value, before);
    } else {
      if (schema && !request.force_key) schema->check(a.key, a.path, a.value, token);
      before = yaml_read_node(text, a.path);
      after = with_value(text, a.path, a.value, token);
    }
    if (after == text) continue;
    text = after;
    edits.push_back({request.service, env, a.key, before, a.value});
  }
  return text;
}

// The value at `path` for a message: a scalar's text, `{…}` for a collection.
std::optional<std::string> shown_value(const std::string& text, const YamlNodePath& path) {
  try {
    return yaml_read_node(text, path);
  } catch (const Error&) {
    return "{…}";  // not a scalar; a text that does not parse fails the removal itself
  }
}

std::string edit_line(const ValueEdit& e) {
  return e.service + "/" + e.env + ": " + e.key + " " + e.before.value_or("(none)") + " → " +
         e.after.value_or("(removed)") + "\n";
}

// `plan` with the commit message `verb`s the service's values in `envs`, listing every edit.
void write_message(SetValuesPlan& plan, const std::string& verb, const std::string& service,
                   const std::vector<std::string>& envs) {
  std::string where;
  for (const auto& env : envs) where += (where.empty() ? "" : ", ") + env;
  std::string body;
  for (const auto& e : plan.edits) body += edit_line(e);
  plan.release.message =
      "chore(values): " + verb + " " + service + " values in " + where + "\n\n" + body;
}

}  // namespace

SetValuesPlan plan_set_values(const Workspace& repo, const PlatformSettings& settings,
                              const SetValuesRequest& request) {
  const auto assignments = parse_assignments(request.assignments);
  const auto envs =
      environments_to_edit(repo, settings, request.service, request.envs, request.all_envs);
  const auto schema = read_value_schema(repo, settings);
  SetValuesPlan plan{{ChangeSet(repo), {}, {}, {}}, {}};
  for (const auto& env : envs) {
    const auto [path, original] = service_value_file(repo, settings, request.service, env);
    try {
      plan.release.changes.put(
          path, set_in_file(original, assignments, request, env, schema, plan.edits));
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      throw Error(path + ": " + e.what());
    }
  }
  write_message(plan, "set", request.service, envs);
  return plan;
}

SetValuesPlan plan_unset_values(const Workspace& repo, const PlatformSettings& settings,
                                const UnsetValuesRequest& request) {
  if (request.keys.empty()) throw UsageError("name at least one KEY to remove");
  std::vector<std::pair<std::string, YamlNodePath>> keys;
  for (const auto& key : request.keys) keys.emplace_back(key, parse_key(key));
  const auto envs =
      environments_to_edit(repo, settings, request.service, request.envs, request.all_envs);
  SetValuesPlan plan{{ChangeSet(repo), {}, {}, {}}, {}};
  for (const auto& env : envs) {
    const auto [path, original] = service_value_file(repo, settings, request.service, env);
    auto text = original;
    try {
      for (const auto& [key, given] : keys) {
        auto target = given;
        std::optional<std::string> before;
        if (const auto name = env_entry_name(given)) {
          const auto index = env_entry_index(text, *name);
          if (!index) continue;
          target = YamlNodePath{std::string("env"), *index};
          before =
              yaml_read_node(text, YamlNodePath{std::string("env"), *index, std::string("value")});
        } else {
          before = shown_value(text, target);
        }
        const auto after = yaml_remove_node(text, target);
        if (after == text) continue;
        text = after;
        plan.edits.push_back({request.service, env, key, before, std::nullopt});
      }
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      throw Error(path + ": " + e.what());
    }
    plan.release.changes.put(path, text);
  }
  write_message(plan, "unset", request.service, envs);
  return plan;
}

YAML::Node get_value_node(const Workspace& repo, const PlatformSettings& settings,
                          const std::string& service, const std::string& env,
                          const std::optional<std::string>& key) {
  // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
  const auto file = service_value_file(repo, settings, service, env);
  const auto& path = file.first;
  const auto& text = file.second;
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw Error(path + ": does not parse (" + e.msg + ")");
  }
  if (!key) return node;
  const auto none = [&] {
    return Error(service + "/" + env + " has no value at " + *key + " (" + path + ")");
  };
  const auto resolved = resolve_env_key(text, parse_key(*key));
  if (!resolved) throw none();
  for (const auto& step : *resolved) {
    const YAML::Node here = node;  // const: a lookup never adds the key
    const auto* name = std::get_if<std::string>(&step);
    const auto* index = std::get_if<std::size_t>(&step);
    const bool found = (name && here.IsMap() && here[*name]) ||
                       (index && here.IsSequence() && *index < here.size());
    if (!found) throw none();
    node.reset(name ? here[*name] : here[*index]);
  }
  return node;
}

std::string get_value(const Workspace& repo, const PlatformSettings& settings,
                      const std::string& service, const std::string& env,
                      const std::optional<std::string>& key) {
  if (!key) return service_value_file(repo, settings, service, env).second;
  const auto node = get_value_node(repo, settings, service, env, key);
  if (node.IsScalar()) return node.Scalar() + "\n";
  if (node.IsNull()) return "null\n";
  YAML::Emitter out;
  out << node;
  return std::string(out.c_str()) + "\n";
}

}  // namespace gitopsgen
