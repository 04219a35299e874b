#include "generators/services/add_service.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "generators/change/overlay_workspace.hpp"
#include "generators/error.hpp"
#include "generators/platform/template_render.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/services/service_values.hpp"
#include "generators/yaml/yaml_edit.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_node_remove.hpp"
#include "generators/yaml/yaml_path.hpp"
#include "generators/yaml/yaml_typed_value.hpp"

namespace gitopsgen {
namespace {

// Helm refuses release names longer than 53 characters; Argo CD uses the Application's name.
constexpr std::size_t kMaxReleaseName = 53;

std::string env_names(const std::vector<std::string>& envs, const char* separator = ", ") {
  std::string out;
  for (const auto& e : envs) out += (out.empty() ? "" : separator) + e;
  return out;
}

std::string platform_env_names(const PlatformSettings& settings) {
  return env_names(environment_names(settings.environments));
}

// The image tag an existing value file holds, to keep across an update.
std::optional<std::string> existing_tag(const std::string& text) {
  try {
    const auto tag = yaml_string_at(yaml_load_guarded(text, "value file"), {"image", "tag"});
    if (!tag.empty()) return tag;
  } catch (const YAML::Exception&) {
  } catch (const YamlRefused&) {
  }
  return std::nullopt;
}

// `settings` as `spec` sees them: with its own IAM role pattern, when it gives one.
PlatformSettings with_service_role(const PlatformSettings& settings, const ServiceSpec& spec) {
  if (!spec.iam_role_arn) return settings;
  auto effective = settings;
  effective.service_roles[spec.name] = *spec.iam_role_arn;
  return effective;
}

// Records `spec`'s own IAM role pattern in the settings file of `view` (an edit of those bytes
// only), unless it is recorded already.
void record_service_role(ChangeSet& changes, const Workspace& view,
                         const PlatformSettings& settings, const ServiceSpec& spec) {
  if (!spec.iam_role_arn) return;
  const auto recorded = settings.service_roles.find(spec.name);
  if (recorded != settings.service_roles.end() && recorded->second == *spec.iam_role_arn) return;
  const auto text = view.read(kSettingsFile);
  if (!text) throw Error(std::string(kSettingsFile) + " is missing");
  auto edited = yaml_set_scalar(*text, {"aws", "serviceRoles", spec.name}, *spec.iam_role_arn);
  const auto read = settings_from_yaml(edited, kSettingsFile);
  const auto role = read.service_roles.find(spec.name);
  if (role == read.service_roles.end() || role->second != *spec.iam_role_arn)
    throw Error(std::string("internal error: ") + kSettingsFile +
                " does not read back the IAM role of " + spec.name);
  changes.put(kSettingsFile, std::move(edited));
}

// Removes `service`'s own IAM role pattern from the settings file of `view` (an edit of those
// bytes only), when it has one: the service is gone from every environment.
void forget_service_role(ChangeSet& changes, const Workspace& view,
                         const PlatformSettings& settings, const std::string& service) {
  if (!settings.service_roles.count(service)) return;
  const auto text = view.read(kSettingsFile);
  if (!text) return;
  // The last one takes its mapping along, as add-service inserted it.
  YamlNodePath path{std::string("aws"), std::string("serviceRoles")};
  if (settings.service_roles.size() > 1) path.push_back(service);
  auto edited = yaml_remove_node(*text, path);
  if (settings_from_yaml(edited, kSettingsFile).service_roles.count(service))
    throw Error(std::string("internal error: ") + kSettingsFile + " still holds the IAM role of " +
                service);
  changes.put(kSettingsFile, std::move(edited));
}

// Records `spec` as the inputs of its service, its environments those it now has files in (not
// only this run's), and `templates` as their digest.
void record_inputs(Regeneration& regen, const PlatformSettings& settings, ServiceSpec spec,
                   std::string templates) {
  const auto owner = service_record_owner(spec.name);
  spec.tag.reset();
  spec.envs.clear();
  const auto& files = regen.pending(owner).files;
  for (const auto& env : settings.environments)
    if (files.count(value_file_path(settings, spec.name, env.name))) spec.envs.push_back(env.name);
  if (spec.envs.size() == settings.environments.size()) spec.envs.clear();
  regen.set_inputs(owner, spec_inputs(spec), std::move(templates));
}

// `generated` with its image tag spelt as `current` spells the same tag (quoted or plain), so
// that keeping a tag is no change of its bytes; `generated` when they differ otherwise.
std::string with_tag_spelling(std::string generated, const std::string& current) {
  const YamlKeyPath tag{"image", "tag"};
  try {
    const auto mine = yaml_scalar_span(current, tag);
    const auto theirs = yaml_scalar_span(generated, tag);
    if (!mine || !theirs || yaml_read_scalar(current, tag) != yaml_read_scalar(generated, tag))
      return generated;
    const auto token = current.substr(mine->begin, mine->end - mine->begin);
    // A plain spelling must read as a string too: 1.10 plain would be a number for Helm.
    const bool quoted = !token.empty() && (token.front() == '"' || token.front() == '\'');
    if (!quoted && typed_plain_token(token)) return generated;
    generated.replace(theirs->begin, theirs->end - theirs->begin, token);
  } catch (const Error&) {
  }
  return generated;
}

void check_ingress_free(const IngressRoutes& routes, const ResolvedService& r) {
  if (const auto other = routes.holder(r.host, r.path, r.service))
    throw Error("ingress host " + r.host + " with path " + r.path +
                " is already taken by service '" + other->first + "' (" + other->second + ")");
}

}  // namespace

std::vector<Environment> select_environments(const PlatformSettings& settings,
                                             const std::vector<std::string>& requested) {
  if (requested.empty()) return settings.environments;
  std::set<std::string> wanted;
  for (const auto& name : requested) {
    bool known = false;
    for (const auto& env : settings.environments) known |= env.name == name;
    if (!known)
      throw Error("unknown environment '" + name + "' (the platform has " +
                  platform_env_names(settings) + ")");
    if (!wanted.insert(name).second) throw Error("environment '" + name + "' is listed twice");
  }
  std::vector<Environment> out;
  for (const auto& env : settings.environments) {
    if (wanted.count(env.name)) out.push_back(env);
  }
  return out;
}

namespace {

// The platform's environments that `envs` (select_environments' choice) names, each with its
// tier, in promotion order.
std::vector<std::pair<Environment, Tier>> with_tiers(const PlatformSettings& settings,
                                                     const std::vector<Environment>& envs) {
  std::vector<std::pair<Environment, Tier>> out;
  for (std::size_t i = 0; i < settings.environments.size(); ++i) {
    const auto& env = settings.environments[i];
    if (std::any_of(envs.begin(), envs.end(), [&](const auto& e) { return e.name == env.name; }))
      out.emplace_back(env, tier_of(i, settings.environments.size()));
  }
  return out;
}

// The files of `resolved`, rendered and read back; throws Error when they do not read back.
ServiceFiles render_service_files(const PlatformSettings& settings, const ResolvedService& resolved,
                                  const std::string& values_template,
                                  const std::string& app_template) {
  const auto data = service_template_data(settings, resolved);
  ServiceFiles files{render_template("service/values.yaml.mustache", values_template, data), {}};
  // In the applicationset layout the environment's ApplicationSet makes the Application.
  if (settings.application_files())
    files.app = render_template("service/application.yaml.mustache", app_template, data);
  check_service_readback(settings, resolved, files.values, files.app);
  return files;
}

}  // namespace

RenderedAhead render_new_service_ahead(const PlatformSettings& platform_settings,
                                       const ServiceSpec& spec, const std::string& values_template,
                                       const std::string& app_template) {
  RenderedAhead ahead;
  try {
    const auto settings = with_service_role(platform_settings, spec);
    for (const auto& [env, tier] : with_tiers(settings, select_environments(settings, spec.envs))) {
      try {
        auto resolved = resolve_service(settings, spec, env, tier, {});
        auto files = render_service_files(settings, resolved, values_template, app_template);
        ahead.emplace(value_file_path(settings, spec.name, env.name),
                      std::make_pair(std::move(resolved), std::move(files)));
      } catch (...) {
        // Only ever a head start: add_service_into meets the same error in its turn.
      }
    }
  } catch (...) {
  }
  return ahead;
}

std::string service_templates_digest(const std::string& values_template,
                                     const std::string& app_template) {
  return blob_id(values_template + '\0' + app_template);
}

ServiceAddition add_service_into(Regeneration& regen, const Workspace& view,
                                 const ScaffoldSource& scaffolds,
                                 const PlatformSettings& platform_settings, const ServiceSpec& spec,
                                 Overwrite overwrite, IngressRoutes& routes, RenderedAhead* ahead) {
  validate_service_spec(spec, platform_settings.registry);
  const auto settings = with_service_role(platform_settings, spec);
  const auto envs = select_environments(settings, spec.envs);
  // The longest Application name is the one to report.
  std::string longest;
  for (const auto& env : envs) {
    const auto name = application_name(settings, spec.name, env.name);
    if (name.size() > longest.size()) longest = name;
  }
  if (longest.size() > kMaxReleaseName)
    throw Error("service name '" + spec.name + "' is too long: the Application '" + longest +
                "' has " + std::to_string(longest.size()) + " characters, Helm allows " +
                std::to_string(kMaxReleaseName));
  ServiceAddition addition;
  const auto owner = service_record_owner(spec.name);
  const auto values_template = scaffolds.get("service/values.yaml.mustache");
  const auto app_template = scaffolds.get("service/application.yaml.mustache");
  std::vector<ServiceInstance> added;
  for (const auto& [env, tier] : with_tiers(settings, envs)) {
    const auto value_path = value_file_path(settings, spec.name, env.name);
    const auto app_path = application_path(settings, spec.name, env.name);
    const auto current_values = view.read(value_path);
    const bool exists = current_values || (settings.application_files() && view.read(app_path));
    if (exists && overwrite == Overwrite::no)
      throw Error("service '" + spec.name + "' already exists in " + env.name + " (" +
                  (current_values ? value_path : app_path) +
                  "); use --force to update it in place");
    addition.updated |= exists;
    const auto resolved = resolve_service(
        settings, spec, env, tier, current_values ? existing_tag(*current_values) : std::nullopt);
    validate_host(resolved.host);
    check_ingress_free(routes, resolved);
    ServiceFiles files;
    const auto found = ahead ? ahead->find(value_path) : RenderedAhead::iterator();
    if (ahead && found != ahead->end() && found->second.first == resolved)
      files = std::move(found->second.second);
    else
      files = render_service_files(settings, resolved, values_template, app_template);
    if (current_values) files.values = with_tag_spelling(std::move(files.values), *current_values);
    // render_service_files parsed both and read every value back.
    regen.write(owner, value_path, std::move(files.values), YamlChecked::yes);
    if (settings.application_files())
      regen.write(owner, app_path, std::move(files.app), YamlChecked::yes);
    addition.envs.push_back(env.name);
    added.push_back({spec.name, env.name, value_path, {{resolved.host, resolved.path}}});
    for (const auto& s : resolved.secrets) {
      std::vector<std::string> keys;
      for (const auto& k : s.keys) keys.push_back(k.key);
      addition.secrets.push_back(
          {s.object_name, settings.region, keys, service_role_arn(settings, spec.name, env.name)});
    }
  }
  routes.replace(spec.name, added);
  record_service_role(regen.changes(), view, platform_settings, spec);
  record_inputs(regen, settings, spec, service_templates_digest(values_template, app_template));
  return addition;
}

namespace {

// The ingress hosts of `spec` in the environments it is written to, or nothing when it does not
// resolve (add_service_into then says why).
std::optional<std::vector<std::string>> service_hosts(const PlatformSettings& settings,
                                                      const ServiceSpec& spec) {
  try {
    std::vector<std::string> hosts;
    for (const auto& [env, tier] : with_tiers(settings, select_environments(settings, spec.envs)))
      hosts.push_back(resolve_service(settings, spec, env, tier, {}).host);
    return hosts;
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace

ServicePlan plan_add_service(const Workspace& repo, const ScaffoldSource& scaffolds,
                             const PlatformSettings& settings, const ServiceSpec& given,
                             Overwrite overwrite, const RegenerationOptions& options) {
  ServicePlan plan{ChangeSet(repo), {}, {}, {}, false, {}, {}};
  const OverlayWorkspace view(repo, plan.changes);
  Regeneration regen(plan.changes, view, options);
  // An update starts from what the service was generated from: flags change only what they name.
  auto spec = given;
  if (overwrite == Overwrite::yes && !given.name.empty()) {
    validate_service_name(given.name);
    const auto owner = service_record_owner(given.name);
    if (const auto* record = regen.recorded(owner); record && !record->inputs.empty())
      spec = overlay_spec(spec_from_inputs(record->inputs, record_path(owner)), given);
  }
  // Against the environments the update writes: those given, or else those recorded.
  if (const auto unchosen =
          unchosen_environment(given, environment_names(select_environments(settings, spec.envs))))
    throw UsageError((unchosen->field == "tags" ? "--tag" : "--replicas") +
                     std::string(" names environment '") + unchosen->env +
                     "', which this run does not write");
  if (spec.language.empty())
    throw UsageError("missing --language (service '" + spec.name +
                     "' has no generation record to take it from)");
  // Only the value files that name one of the service's hosts can hold a claim that meets its own.
  const auto hosts = service_hosts(settings, spec);
  IngressRoutes routes(
      list_service_instances(repo, settings, /*with_ingress=*/true, hosts ? &*hosts : nullptr));
  auto addition = add_service_into(regen, view, scaffolds, settings, spec, overwrite, routes);
  regen.finish();
  plan.files = regen.take_reports();
  plan.language = spec.language;
  plan.envs = std::move(addition.envs);
  plan.secrets = std::move(addition.secrets);
  plan.updated = addition.updated;
  plan.message = std::string("feat: ") + (plan.updated ? "update " : "add ") + spec.name + " (" +
                 spec.language + ") " + (plan.updated ? "in " : "to ") + env_names(plan.envs) +
                 "\n";
  return plan;
}

ServicePlan plan_remove_service(const Workspace& repo, const PlatformSettings& settings,
                                const std::string& service, const std::vector<std::string>& envs) {
  validate_service_name(service);
  require_no_handover(settings, "removing service " + service);
  ServicePlan plan{ChangeSet(repo), {}, {}, {}, false, {}, {}};
  const OverlayWorkspace view(repo, plan.changes);
  Regeneration regen(plan.changes, view, {});
  const auto owner = service_record_owner(service);
  for (const auto& env : select_environments(settings, envs)) {
    const auto value_path = value_file_path(settings, service, env.name);
    const auto app_path = application_path(settings, service, env.name);
    if (!repo.read(value_path) && !repo.read(app_path)) continue;
    regen.remove(owner, value_path);
    regen.remove(owner, app_path);
    plan.envs.push_back(env.name);
  }
  if (plan.envs.empty())
    throw Error("service '" + service + "' is not on the platform" +
                (envs.empty() ? std::string() : " in " + env_names(envs)));
  if (regen.pending(owner).files.empty()) {
    regen.drop(owner);
    forget_service_role(plan.changes, view, settings, service);
  } else if (const auto* record = regen.recorded(owner); record && !record->inputs.empty()) {
    record_inputs(regen, settings, spec_from_inputs(record->inputs, record_path(owner)),
                  record->templates);
  }
  regen.finish();
  plan.message = "chore: remove " + service + " from " + env_names(plan.envs) + "\n";
  return plan;
}

}  // namespace gitopsgen
