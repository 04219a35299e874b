#include "generators/migrate/migrate_env.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "generators/error.hpp"
#include "generators/migrate/migrate_objects.hpp"
#include "generators/services/language_presets.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_node_edit.hpp"

namespace gitopsgen {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// `value`, a comma-separated list, with each item equal to `from` (spaces aside) set to `to`.
std::string replace_list_item(const std::string& value, const std::string& from,
                              const std::string& to) {
  std::string out;
  std::size_t start = 0;
  while (start <= value.size()) {
    auto comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    auto item = value.substr(start, comma - start);
    const auto first = item.find_first_not_of(' ');
    const auto last = item.find_last_not_of(' ');
    if (first != std::string::npos && item.substr(first, last - first + 1) == from)
      item.replace(first, last - first + 1, to);
    out += (start ? "," : "") + item;
    start = comma + 1;
  }
  return out;
}

// Parses `text` for reading which scalars to edit; throws Error naming `source`.
YAML::Node load(const std::string& text, const std::string& source) {
  try {
    return yaml_load_guarded(text, source);
  } catch (const YAML::Exception& e) {
    throw Error(source + ":" + std::to_string(e.mark.line + 1) + " is not valid YAML (" + e.msg +
                ")");
  }
}

// Sets `path` in `text`, naming `source` in errors.
void set(std::string& text, const std::string& source, const YamlNodePath& path,
         const std::string& value) {
  try {
    text = yaml_set_node(text, path, value);
  } catch (const Error& e) {
    throw Error(source + ": " + e.what());
  }
}

}  // namespace

std::string copy_host(const std::string& host, const std::string& from, const std::string& to) {
  const auto dot = host.find('.');
  if (dot == std::string::npos) return host + "." + to;
  const auto second = host.find('.', dot + 1);
  if (second != std::string::npos && host.compare(dot + 1, second - dot - 1, from) == 0)
    return host.substr(0, dot + 1) + to + host.substr(second);
  return host.substr(0, dot) + "." + to + host.substr(dot);
}

std::string copy_header_comments(const std::string& text, const std::string& from,
                                 const std::string& to) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size() && text[pos] == '#') {
    auto end = text.find('\n', pos);
    end = end == std::string::npos ? text.size() : end + 1;
    auto line = text.substr(pos, end - pos);
    auto body_end = line.find_last_not_of("\r\n") + 1;
    const auto tail = line.substr(body_end);
    line.resize(body_end);
    if (ends_with(line, " in " + from)) line.replace(line.size() - from.size(), from.size(), to);
    const auto app_of_apps = "app-of-apps-" + from + " ";
    if (const auto at = line.find(app_of_apps); at != std::string::npos)
      line.replace(at, app_of_apps.size(), "app-of-apps-" + to + " ");
    out += line + tail;
    pos = end;
  }
  return out + text.substr(pos);
}

std::vector<std::string> environment_named_variables() {
  std::set<std::string> names;
  for (const auto& preset : language_presets()) {
    for (const auto* tier : {&preset.dev, &preset.staging, &preset.production}) {
      for (const auto& var : tier->env) {
        if (var.value.find("{env}") != std::string::npos) names.insert(var.name);
      }
    }
  }
  return {names.begin(), names.end()};
}

CopiedValueFile copy_value_file(const std::string& text, const std::string& source,
                                const EnvironmentCopy& copy, const std::string& region,
                                const std::pair<std::string, std::string>& roles) {
  const auto& from = copy.from.name;
  const auto& to = copy.to.name;
  const auto values = load(text, source);
  CopiedValueFile out{copy_header_comments(text, from, to), {}, {}};

  const auto ingress = child(values, "ingress");
  const auto hosts = child(ingress, "hosts");
  const auto on = child(ingress, "enabled");
  const bool enabled = on.IsScalar() && on.as<bool>(false);
  for (std::size_t i = 0; hosts.IsSequence() && i < hosts.size(); ++i) {
    const auto old_host = scalar_of(hosts[i], "host");
    const auto host = old_host.empty() ? old_host : copy_host(old_host, from, to);
    if (!old_host.empty()) set(out.text, source, {"ingress", "hosts", i, "host"}, host);
    if (!enabled) continue;
    const auto paths = child(hosts[i], "paths");
    if (!paths.IsSequence() || paths.size() == 0) out.ingress.push_back({host, "/"});
    for (std::size_t p = 0; paths.IsSequence() && p < paths.size(); ++p)
      out.ingress.push_back({host, scalar_of(paths[p], "path")});
  }

  // The service's own role in `from` becomes its own role in `to`; any other role is kept.
  const YamlNodePath role_path{"serviceAccount", "annotations", "eks.amazonaws.com/role-arn"};
  auto role = scalar_of(child(child(values, "serviceAccount"), "annotations"),
                        "eks.amazonaws.com/role-arn");
  if (!role.empty() && !roles.first.empty() && role == roles.first && roles.first != roles.second) {
    set(out.text, source, role_path, roles.second);
    role = roles.second;
  }

  const auto secrets = child(values, "secretsManager");
  const auto objects = child(secrets, "objects");
  const auto secret_region =
      scalar_of(secrets, "region").empty() ? region : scalar_of(secrets, "region");
  for (std::size_t i = 0; objects.IsSequence() && i < objects.size(); ++i) {
    const auto name = scalar_of(objects[i], "objectName");
    if (name.rfind(from + "/", 0) != 0) continue;  // not per environment: shared, kept
    const auto renamed = to + name.substr(from.size());
    set(out.text, source, {"secretsManager", "objects", i, "objectName"}, renamed);
    SecretInstruction secret{renamed, secret_region, {}, role};
    const auto keys = child(objects[i], "jmesPath");
    for (std::size_t k = 0; keys.IsSequence() && k < keys.size(); ++k)
      secret.keys.push_back(scalar_of(keys[k], "path"));
    out.secrets.push_back(std::move(secret));
  }

  const auto named = environment_named_variables();
  const auto env = child(values, "env");
  for (std::size_t i = 0; env.IsSequence() && i < env.size(); ++i) {
    if (std::find(named.begin(), named.end(), scalar_of(env[i], "name")) == named.end()) continue;
    const auto value = scalar_of(env[i], "value");
    const auto renamed = replace_list_item(value, from, to);
    if (renamed != value) set(out.text, source, {"env", i, "value"}, renamed);
  }
  return out;
}

std::string copy_application(const std::string& text, const std::string& source,
                             const EnvironmentCopy& copy, const std::string& service,
                             const std::string& fallback_name) {
  const auto& from = copy.from.name;
  const auto& to = copy.to.name;
  const ArgoObject app{source, 0, "Application", "", load(text, source)};
  auto out = copy_header_comments(text, from, to);

  const auto name = scalar_of(child(app.node, "metadata"), "name");
  set(out, source, {"metadata", "name"},
      ends_with(name, "-" + from) ? name.substr(0, name.size() - from.size()) + to : fallback_name);
  if (scalar_of(child(child(app.node, "metadata"), "labels"), "environment") == from)
    set(out, source, {"metadata", "labels", "environment"}, to);
  set(out, source, {"spec", "destination", "namespace"}, copy.to.namespace_name);

  const auto old_file = service + "-" + from + ".yaml";
  std::size_t renamed = 0;
  for (const auto& s : application_sources(app)) {
    const auto files = child(child(s.node, "helm"), "valueFiles");
    for (std::size_t i = 0; files.IsSequence() && i < files.size(); ++i) {
      const auto file = files[i].IsScalar() ? files[i].Scalar() : "";
      const auto slash = file.rfind('/');
      if (file.substr(slash == std::string::npos ? 0 : slash + 1) != old_file) continue;
      set(out, source, node_path(s.path, {"helm", "valueFiles", i}),
          file.substr(0, file.size() - old_file.size()) + service + "-" + to + ".yaml");
      ++renamed;
    }
  }
  if (renamed == 0) throw Error(source + ": no helm value file names " + old_file);
  return out;
}

}  // namespace gitopsgen
