// `migrate rename-chart`: the chart directory, every source pointing at it, and the platform.
#include <map>
#include <optional>
#include <set>

#include "generators/change/regeneration.hpp"
#include "generators/error.hpp"
#include "generators/migrate/migrate.hpp"
#include "generators/migrate/migrate_objects.hpp"
#include "generators/platform/argo_apps.hpp"
#include "generators/platform/names.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/yaml/yaml_edit.hpp"

namespace gitopsgen {
namespace {

// `path` with the directory `from` replaced by `to`, or nothing when it is not in `from`.
std::optional<std::string> moved_path(const std::string& source, const std::string& from,
                                      const std::string& to) {
  const auto path = normal_path(source);
  if (path == from) return to;
  if (path.rfind(from + "/", 0) == 0) return to + path.substr(from.size());
  return std::nullopt;
}

void check_request(const Workspace& repo, const RenameChartRequest& r) {
  if (r.from.empty() || r.from == "." || r.from == ".." ||
      r.from.find_first_of("/\\") != std::string::npos)
    throw Error("'" + r.from + "' is not the name of a directory under charts/");
  require_dns1123_label("new chart name", r.to);
  const auto from = "charts/" + r.from, to = "charts/" + r.to;
  if (!repo.is_directory(from)) throw Error("there is no chart " + from + "/");
  if (!repo.read(from + "/Chart.yaml"))
    throw Error(from + " has no Chart.yaml, so it is not a Helm chart");
  if (r.from != r.to && (repo.is_directory(to) || repo.read(to)))
    throw Error(to + " already exists");
}

// Renames the AppProject `from` to `to` and moves every Application of it along; false when the
// repository holds no AppProject `from`.
bool rename_project(ChangeSet& changes, const std::vector<ArgoObject>& objects,
                    const std::string& from, const std::string& to) {
  const ArgoObject* project = nullptr;
  for (const auto& o : objects) {
    if (o.kind != "AppProject") continue;
    if (o.name == to)
      throw Error("an AppProject named " + to + " already exists (" + o.file +
                  "); the platform's AppProject cannot take its name");
    if (o.name == from) project = &o;
  }
  if (!project) return false;
  set_in_object(changes, *project, {"metadata", "name"}, to);
  for (const auto& o : objects) {
    if (o.kind == "Application" && scalar_of(child(o.node, "spec"), "project") == from)
      set_in_object(changes, o, {"spec", "project"}, to);
  }
  return true;
}

}  // namespace

MigratePlan plan_rename_chart(const Workspace& repo, const PlatformSettings& settings,
                              const RenameChartRequest& request) {
  check_request(repo, request);
  if (request.from == request.to)
    return {ChangeSet(repo),
            {},
            "Nothing to change: the chart is already named " + request.to + ".",
            {},
            {}};
  const auto from = "charts/" + request.from, to = "charts/" + request.to;
  const bool platform_chart = request.from == settings.platform;
  auto renamed = settings;
  if (platform_chart && settings.layout == Layout::applicationset)
    throw Error(
        "the platform's chart cannot be renamed in the applicationset layout: its "
        "ApplicationSets name every Application after the platform, and renaming an "
        "Application deletes what it deploys");
  if (platform_chart) {
    renamed.platform = request.to;
    validate_settings(renamed);
  }
  const auto objects = read_argo_objects(repo);
  MigratePlan plan{ChangeSet(repo), {}, {}, {}, {}};

  std::map<std::string, std::string> moves;  // for the generation records
  auto move = [&](const std::string& old_path, const std::string& new_path) {
    move_file(plan.changes, old_path, new_path);
    moves.emplace(old_path, new_path);
  };
  const auto files = repo.list_files(from);
  for (const auto& file : files) move(file, to + file.substr(from.size()));
  const auto chart_file = to + "/Chart.yaml";
  const auto chart_text = *plan.changes.read_after(chart_file);
  std::string chart_name;
  try {
    chart_name = yaml_read_scalar(chart_text, {"name"}).value_or("");
  } catch (const Error& e) {
    throw Error(from + "/Chart.yaml: " + e.what());
  }
  // The chart's name is the app.kubernetes.io/name label of every selector, unless values.yaml's
  // nameOverride stands in for it: Chart.yaml is renamed only where that pins the selector.
  bool rename_in_chart = !request.keep_chart_name && chart_name != request.to;
  if (rename_in_chart) {
    const auto helpers = plan.changes.read_after(to + "/templates/_helpers.tpl");
    const auto values_file = to + "/values.yaml";
    const auto values_text = plan.changes.read_after(values_file);
    if (!helpers || helpers->find(".Values.nameOverride") == std::string::npos || !values_text) {
      rename_in_chart = false;
      plan.notes.push_back("Chart.yaml's name stays " + chart_name +
                           ": it is the app.kubernetes.io/name selector label of every "
                           "Deployment, which Kubernetes cannot change in place, and this "
                           "chart's templates read no nameOverride to keep it.");
    } else {
      try {
        if (yaml_read_scalar(*values_text, {"nameOverride"}).value_or("").empty())
          plan.changes.put(values_file,
                           yaml_set_scalar(*values_text, {"nameOverride"}, chart_name));
      } catch (const Error& e) {
        throw Error(from + "/values.yaml: " + e.what());
      }
      try {
        plan.changes.put(chart_file, yaml_set_scalar(chart_text, {"name"}, request.to));
      } catch (const Error& e) {
        throw Error(from + "/Chart.yaml: " + e.what());
      }
    }
  }

  std::size_t sources = 0;
  for (const auto& app : objects) {
    if (app.kind == "AppProject" || app.file.rfind(from + "/", 0) == 0) continue;
    for (const auto& source : application_sources(app)) {
      if (!same_repository(scalar_of(source.node, "repoURL"), settings.repo_url)) continue;
      const auto moved = moved_path(scalar_of(source.node, "path"), from, to);
      if (!moved) continue;
      set_in_object(plan.changes, app, node_path(source.path, {"path"}), *moved);
      ++sources;
    }
  }

  std::string body = "- " + from + "/ moved to " + to + "/ (" + std::to_string(files.size()) +
                     " files)\n- " + std::to_string(sources) + " Application source(s) point at " +
                     to + "\n";
  if (platform_chart) {
    try {
      const auto text = *repo.read(kSettingsFile);
      const auto edited = yaml_set_scalar(text, {"platform"}, request.to);
      if (settings_from_yaml(edited, kSettingsFile) != renamed)
        throw Error("internal: the settings do not read back renamed");
      plan.changes.put(kSettingsFile, edited);
    } catch (const Error& e) {
      throw Error(std::string(kSettingsFile) + ": " + e.what());
    }
    body += "- platform renamed to " + request.to + " in " + kSettingsFile + "\n";
    // The platform's AppProjects: the infrastructure's, each environment's and the root's.
    std::vector<std::pair<std::string, std::string>> projects = {{settings.platform, request.to}};
    for (const auto& env : settings.environments)
      projects.emplace_back(environment_project(settings, env.name),
                            environment_project(renamed, env.name));
    projects.emplace_back(root_project(settings), root_project(renamed));
    for (const auto& [old_name, new_name] : projects) {
      if (rename_project(plan.changes, objects, old_name, new_name))
        body += "- AppProject " + old_name + " renamed to " + new_name +
                ", with every Application in it\n";
    }
    std::size_t moved = 0;
    for (const auto& instance : list_service_instances(repo, settings)) {
      const auto old_path = application_path(settings, instance.service, instance.env);
      if (!plan.changes.read_after(old_path)) continue;
      move(old_path, application_path(renamed, instance.service, instance.env));
      ++moved;
    }
    if (moved > 0)
      body += "- " + std::to_string(moved) + " service Application file(s) renamed to " +
              request.to + "-<service>.yaml\n";
    plan.notes.push_back(
        "Application names are kept (" + settings.platform +
        "-<service>-<env>): renaming an Argo CD Application deletes and recreates everything it "
        "deploys. Image repositories and AWS secret names keep their names too.");
  }
  if (rename_in_chart)
    body += "- Chart.yaml's name is now " + request.to + "; values.yaml's nameOverride keeps " +
            "the selector label app.kubernetes.io/name as it was\n";

  move_recorded_files(plan.changes, repo, moves);
  plan.summary = "Renamed " + from + " to " + to + ": " + std::to_string(sources) +
                 " Application source(s) re-pointed" +
                 (platform_chart ? "; the platform is now " + request.to : "");
  plan.message = "chore: rename chart " + request.from + " to " + request.to + "\n\n" + body;
  require_still_valid(repo, plan.changes);
  return plan;
}

}  // namespace gitopsgen
