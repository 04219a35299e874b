// `migrate add-env`: a new environment copied from an existing one, in one ChangeSet.
#include <algorithm>

#include "generators/change/overlay_workspace.hpp"
#include "generators/change/regeneration.hpp"
#include "generators/error.hpp"
#include "generators/migrate/migrate.hpp"
#include "generators/migrate/migrate_env.hpp"
#include "generators/migrate/migrate_objects.hpp"
#include "generators/platform/application_set.hpp"
#include "generators/platform/argo_apps.hpp"
#include "generators/platform/init_platform.hpp"
#include "generators/platform/platform_data.hpp"
#include "generators/platform/template_render.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_node_edit.hpp"

namespace gitopsgen {
namespace {

constexpr const char* kAppOfAppsScaffold = "platform/applications/app-of-apps.yaml.mustache";
// Helm refuses release names longer than 53 characters; Argo CD uses the Application's name.
constexpr std::size_t kMaxReleaseName = 53;

std::size_t index_of(const std::vector<Environment>& envs, const std::string& name) {
  for (std::size_t i = 0; i < envs.size(); ++i)
    if (envs[i].name == name) return i;
  return envs.size();
}

std::string names_of(const std::vector<Environment>& envs, const std::string& separator) {
  std::string out;
  for (const auto& e : envs) out += (out.empty() ? "" : separator) + e.name;
  return out;
}

// The settings with the new environment in place; throws Error on a name or namespace in use.
PlatformSettings settings_with(const PlatformSettings& settings, const AddEnvironmentRequest& r,
                               const Environment& env) {
  if (index_of(settings.environments, r.name) < settings.environments.size())
    throw Error("environment '" + r.name + "' already exists");
  select_environments(settings, {r.from});
  const auto after = r.after.value_or(r.from);
  select_environments(settings, {after});
  for (const auto& e : settings.environments) {
    if (e.namespace_name == env.namespace_name)
      throw Error("namespace '" + env.namespace_name + "' is already used by environment " +
                  e.name + "; give another with --namespace");
  }
  auto out = settings;
  const auto at = index_of(out.environments, after) + 1;
  out.environments.insert(out.environments.begin() + static_cast<std::ptrdiff_t>(at), env);
  validate_settings(out);
  return out;
}

// The Application deploying `instance`'s value file with the platform chart; throws Error unless
// there is exactly one.
const ArgoObject& deploying_application(const std::vector<ArgoObject>& objects,
                                        const PlatformSettings& settings,
                                        const ServiceInstance& instance) {
  const ArgoObject* found = nullptr;
  const auto wanted = instance.service + "-" + instance.env + ".yaml";
  for (const auto& o : objects) {
    if (o.kind != "Application") continue;
    for (const auto& s : application_sources(o)) {
      if (!same_repository(scalar_of(s.node, "repoURL"), settings.repo_url) ||
          normal_path(scalar_of(s.node, "path")) != settings.chart_path())
        continue;
      const auto files = child(child(s.node, "helm"), "valueFiles");
      for (std::size_t i = 0; files.IsSequence() && i < files.size(); ++i) {
        const auto file = files[i].IsScalar() ? files[i].Scalar() : "";
        if (normal_path(file) != "ci/" + wanted) continue;
        if (found && found != &o)
          throw Error(instance.value_file + " is deployed by two Applications (" + found->file +
                      ", " + o.file + "); cannot tell which to copy");
        found = &o;
      }
    }
  }
  if (!found)
    throw Error("no Application deploys " + instance.value_file +
                "; add one (or remove the file) before copying " + instance.env);
  return *found;
}

// Adds `env`'s namespace to the AppProject's destinations, next to its neighbour's entry.
std::string allow_namespace(MigratePlan& plan, const std::vector<ArgoObject>& objects,
                            const PlatformSettings& after, const Environment& env) {
  const ArgoObject* project = nullptr;
  for (const auto& o : objects)
    if (o.kind == "AppProject" && o.name == after.platform) project = &o;
  if (!project)
    throw Error("no AppProject " + after.platform + " in the repository to allow namespace " +
                env.namespace_name + " in");
  const auto destinations = child(child(project->node, "spec"), "destinations");
  auto find = [&](const std::string& ns) {
    for (std::size_t i = 0; destinations.IsSequence() && i < destinations.size(); ++i) {
      const auto n = scalar_of(destinations[i], "namespace");
      if (n == ns || (n == "*" && ns != "*")) return i;
    }
    return std::string::npos;
  };
  if (find(env.namespace_name) != std::string::npos) return "";
  const auto at = index_of(after.environments, env.name);
  auto neighbour = find(after.environments[at - 1].namespace_name);
  auto placement = ItemPlacement::after;
  if (neighbour == std::string::npos && at + 1 < after.environments.size()) {
    neighbour = find(after.environments[at + 1].namespace_name);
    placement = ItemPlacement::before;
  }
  if (neighbour == std::string::npos)
    throw Error(project->file + ": spec.destinations lists neither neighbour of " + env.name +
                " to add namespace " + env.namespace_name + " beside; add it by hand first");
  if (project->document != 0)
    throw Error(project->file + ": the AppProject is not the file's first YAML document");
  try {
    plan.changes.put(project->file,
                     yaml_copy_sequence_item(*plan.changes.read_after(project->file),
                                             {"spec", "destinations", neighbour}, placement,
                                             {{{"namespace"}, env.namespace_name}}));
  } catch (const Error& e) {
    throw Error(project->file + ": " + e.what());
  }
  return "- namespace " + env.namespace_name + " allowed in AppProject " + after.platform + "\n";
}

// Adds `env` to the settings file right after `previous`, in that entry's own layout.
void add_to_settings(MigratePlan& plan, const Workspace& repo, const PlatformSettings& before,
                     const PlatformSettings& after, const Environment& env,
                     const std::string& previous) {
  try {
    const auto edited = yaml_copy_sequence_item(
        *repo.read(kSettingsFile), {"environments", index_of(before.environments, previous)},
        ItemPlacement::after, {{{"name"}, env.name}, {{"namespace"}, env.namespace_name}});
    if (settings_from_yaml(edited, kSettingsFile) != after)
      throw Error("internal: the new environment does not read back as planned");
    plan.changes.put(kSettingsFile, edited);
  } catch (const Error& e) {
    throw Error(std::string(kSettingsFile) + ": " + e.what());
  }
}

// Records, for a copied service, what gitopsgen would generate for it in `env` from its recorded
// inputs as the base of its copied files (`app_path` empty where it has no Application file),
// so that a later upgrade merges into the copies; a service without a record is left without one.
void record_copied_service(Regeneration& regen, const ScaffoldSource& scaffolds,
                           const PlatformSettings& after, const std::string& service,
                           const Environment& env, const std::string& app_path) {
  const auto owner = service_record_owner(service);
  const auto* record = regen.recorded(owner);
  if (!record || record->inputs.empty()) return;
  auto spec = spec_from_inputs(record->inputs, record_path(owner));
  const bool listed = !spec.envs.empty();
  spec.envs = {env.name};
  const auto ahead =
      render_new_service_ahead(after, spec, scaffolds.get("service/values.yaml.mustache"),
                               scaffolds.get("service/application.yaml.mustache"));
  const auto value_path = value_file_path(after, service, env.name);
  const auto found = ahead.find(value_path);
  if (found == ahead.end()) return;
  regen.adopt(owner, value_path, found->second.second.values);
  if (!app_path.empty()) regen.adopt(owner, app_path, found->second.second.app);
  if (listed) {
    auto inputs = spec_from_inputs(record->inputs, record_path(owner));
    inputs.envs.push_back(env.name);
    regen.set_inputs(owner, spec_inputs(inputs));
  }
}

}  // namespace

MigratePlan plan_add_environment(const Workspace& repo, const ScaffoldSource& scaffolds,
                                 const PlatformSettings& settings,
                                 const AddEnvironmentRequest& request) {
  const Environment env{request.name, request.namespace_name.value_or(request.name)};
  const auto after = settings_with(settings, request, env);
  const auto& from = settings.environments[index_of(settings.environments, request.from)];
  const EnvironmentCopy copy{from, env};
  const auto app_dir = "applications/" + env.name;
  const auto app_of_apps = "applications/app-of-apps-" + env.name + ".yaml";
  if (repo.is_directory(app_dir) || repo.read(app_dir)) throw Error(app_dir + " already exists");
  if (repo.read(app_of_apps)) throw Error(app_of_apps + " already exists");

  const auto objects = read_argo_objects(repo);
  // A platform with an AppProject per environment gets one for the new environment too; an
  // older one, whose single AppProject lists every environment's namespace, gains a destination.
  const auto from_project = environment_project(settings, from.name);
  const auto to_project = environment_project(after, env.name);
  const bool per_env_projects = std::any_of(objects.begin(), objects.end(), [&](const auto& o) {
    return o.kind == "AppProject" && o.name == from_project;
  });
  const auto instances = list_service_instances(repo, settings, /*with_ingress=*/true);
  MigratePlan plan{ChangeSet(repo), {}, {}, {}, {}};
  const OverlayWorkspace view(repo, plan.changes);
  Regeneration regen(plan.changes, view, {});
  // Copies the Application file that deploys `instance` into the new environment; its path.
  const auto copy_application_file = [&](const ServiceInstance& instance) {
    const auto& app = deploying_application(objects, settings, instance);
    if (yaml_load_all_guarded(*repo.read(app.file), app.file).size() != 1)
      throw Error(app.file + " holds more than the Application; move it to a file of its own");
    auto app_text = copy_application(*repo.read(app.file), app.file, copy, instance.service,
                                     application_name(after, instance.service, env.name));
    if (per_env_projects && yaml_read_node(app_text, {"spec", "project"}) == from_project)
      app_text = yaml_set_node(app_text, {"spec", "project"}, to_project);
    const auto name = scalar_of(child(yaml_load_guarded(app_text, app.file), "metadata"), "name");
    if (name.size() > kMaxReleaseName)
      throw Error("the Application " + name + " would have " + std::to_string(name.size()) +
                  " characters, Helm allows " + std::to_string(kMaxReleaseName));
    for (const auto& o : objects) {
      if (o.kind == "Application" && o.name == name)
        throw Error("an Application named " + name + " already exists (" + o.file + ")");
    }
    const auto slash = app.file.rfind('/');
    const auto path = app_dir + "/" + app.file.substr(slash == std::string::npos ? 0 : slash + 1);
    plan.changes.put(path, app_text);
    return path;
  };
  std::vector<std::string> services;
  for (const auto& instance : instances) {
    if (instance.env != from.name) continue;
    const auto value_path = value_file_path(settings, instance.service, env.name);
    if (repo.read(value_path)) throw Error(value_path + " already exists");
    auto values =
        copy_value_file(*repo.read(instance.value_file), instance.value_file, copy, settings.region,
                        {service_role_arn(settings, instance.service, from.name),
                         service_role_arn(settings, instance.service, env.name)});
    for (const auto& claim : values.ingress) {
      for (const auto& other : instances) {
        for (const auto& taken : other.ingress) {
          if (taken.host == claim.host && taken.path == claim.path)
            throw Error("ingress host " + claim.host + " with path " + claim.path +
                        " is already taken by " + other.value_file);
        }
      }
    }
    plan.changes.put(value_path, std::move(values.text));
    std::string app_path;
    // In the applicationset layout the new environment's ApplicationSet makes the Applications.
    if (settings.application_files()) app_path = copy_application_file(instance);
    record_copied_service(regen, scaffolds, after, instance.service, env, app_path);
    plan.secrets.insert(plan.secrets.end(), values.secrets.begin(), values.secrets.end());
    services.push_back(instance.service);
  }

  const auto data = platform_template_data(after, {});
  // The new environment's app-of-apps and AppProject are gitopsgen's: beside platform files of
  // another making (an adopted platform, whose own files have no record) they would not fit.
  if (!regen.recorded(kPlatformRecord)) {
    const auto from_app = "applications/app-of-apps-" + from.name + ".yaml";
    const auto existing = repo.read(from_app);
    if (existing &&
        *existing != render_template(kAppOfAppsScaffold, scaffolds.get(kAppOfAppsScaffold),
                                     environment_template_data(data, after, from)))
      throw Error(from_app +
                  " is not gitopsgen's, and the platform's own files have no generation record "
                  "(an adopted platform): add-env would write an app-of-apps and AppProject of "
                  "gitopsgen's beside it; write " +
                  env.name + "'s app-of-apps after yours and list " + env.name +
                  " in gitopsgen.yaml's environments by hand instead");
  }
  regen.write(kPlatformRecord, app_of_apps,
              render_template(kAppOfAppsScaffold, scaffolds.get(kAppOfAppsScaffold),
                              environment_template_data(data, after, env)));
  if (after.layout == Layout::applicationset)
    regen.write(kPlatformRecord, application_set_template(after, env.name).path,
                render_template(kApplicationSetScaffold, scaffolds.get(kApplicationSetScaffold),
                                environment_template_data(data, after, env)));
  else
    regen.write(kPlatformRecord, app_dir + "/.gitkeep", "");
  const auto previous = request.after.value_or(request.from);
  std::string project;
  if (per_env_projects) {
    const auto project_file = environment_project_path(env.name);
    if (repo.read(project_file)) throw Error(project_file + " already exists");
    regen.write(
        kPlatformRecord, project_file,
        render_template(kEnvironmentProjectScaffold, scaffolds.get(kEnvironmentProjectScaffold),
                        environment_template_data(data, after, env)));
    project = "- AppProject " + to_project + ": the services of " + env.name + ", in namespace " +
              env.namespace_name + " only\n";
  } else {
    project = allow_namespace(plan, objects, after, env);
  }
  add_to_settings(plan, repo, settings, after, env, previous);
  regen.finish();

  const auto order = names_of(after.environments, " → ");
  plan.summary = "Added environment " + env.name + " (namespace " + env.namespace_name +
                 "), copied from " + from.name + " with " + std::to_string(services.size()) +
                 " service(s); promotion order " + order;
  std::string list;
  for (const auto& s : services) list += (list.empty() ? "" : ", ") + s;
  plan.message = "feat: add environment " + env.name + ", copied from " + from.name + "\n\n" +
                 "- services: " + (list.empty() ? "none" : list) + "\n- promotion order: " + order +
                 "\n" + project;
  if (after.environments.back().name == env.name)
    plan.notes.push_back(env.name +
                         " is now the last environment: add-service gives it the "
                         "production figures and the bare host from now on.");
  require_still_valid(repo, plan.changes);
  return plan;
}

}  // namespace gitopsgen
