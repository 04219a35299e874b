// `migrate set-repo-url` and `migrate set-revision`: where Argo CD reads this repository from.
#include "generators/error.hpp"
#include "generators/migrate/migrate.hpp"
#include "generators/migrate/migrate_objects.hpp"
#include "generators/platform/argo_apps.hpp"
#include "generators/yaml/yaml_edit.hpp"

namespace gitopsgen {
namespace {

// Sets `key` of the settings file to `value`; `expected` is what the file must then read as.
void set_setting(ChangeSet& changes, const Workspace& repo, const std::string& key,
                 const std::string& value, const PlatformSettings& expected) {
  try {
    const auto edited = yaml_set_scalar(*repo.read(kSettingsFile), {key}, value);
    if (settings_from_yaml(edited, kSettingsFile) != expected)
      throw Error("internal: " + key + " does not read back as " + value);
    changes.put(kSettingsFile, edited);
  } catch (const Error& e) {
    throw Error(std::string(kSettingsFile) + ": " + e.what());
  }
}

// bootstrap/root-app.yaml is applied by hand, so nothing in git updates the live root.
std::string reapply_root(const PlatformSettings& settings) {
  return "The root Application is applied by hand: run `kubectl apply -n " +
         settings.argocd_namespace + " -f bootstrap/root-app.yaml` after pushing.";
}

std::string count(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

MigratePlan plan_set_repo_url(const Workspace& repo, const PlatformSettings& settings,
                              const std::string& url) {
  auto changed = settings;
  changed.repo_url = url;
  validate_settings(changed);
  MigratePlan plan{ChangeSet(repo), {}, {}, {}, {}};
  if (url == settings.repo_url) {
    plan.summary = "Nothing to change: the repository URL is already " + url + ".";
    return plan;
  }
  std::size_t sources = 0, entries = 0;
  for (const auto& object : read_argo_objects(repo)) {
    if (object.kind != "AppProject") {
      // An ApplicationSet's git generators read this repository too.
      auto located = application_sources(object);
      for (auto& generator : git_generators(object)) located.push_back(std::move(generator));
      for (const auto& source : located) {
        const auto current = scalar_of(source.node, "repoURL");
        if (!same_repository(current, settings.repo_url) || current == url) continue;
        set_in_object(plan.changes, object, node_path(source.path, {"repoURL"}), url);
        ++sources;
      }
      continue;
    }
    const auto repos = child(child(object.node, "spec"), "sourceRepos");
    if (!repos.IsSequence()) continue;
    for (std::size_t i = 0; i < repos.size(); ++i) {
      if (!repos[i].IsScalar() || !same_repository(repos[i].Scalar(), settings.repo_url) ||
          repos[i].Scalar() == url)
        continue;
      set_in_object(plan.changes, object, {"spec", "sourceRepos", i}, url);
      ++entries;
    }
  }
  set_setting(plan.changes, repo, "repoURL", url, changed);
  const auto apps = count(sources, "Application source", "Application sources");
  const auto repos =
      count(entries, "AppProject sourceRepos entry", "AppProject sourceRepos entries");
  plan.summary =
      "Repository URL set to " + url + " in " + apps + ", " + repos + " and " + kSettingsFile;
  plan.message = "chore: set the repository URL to " + url + "\n\n- " + apps + "\n- " + repos +
                 "\n- repoURL in " + kSettingsFile + "\n";
  plan.notes.push_back("Give Argo CD access to " + url +
                       " and push this history there; Argo CD follows the new URL once this "
                       "commit reaches the repository it reads now.");
  plan.notes.push_back(reapply_root(settings));
  require_still_valid(repo, plan.changes);
  return plan;
}

MigratePlan plan_set_revision(const Workspace& repo, const PlatformSettings& settings,
                              const std::string& revision) {
  auto changed = settings;
  changed.target_revision = revision;
  validate_settings(changed);
  MigratePlan plan{ChangeSet(repo), {}, {}, {}, {}};
  if (revision == settings.target_revision) {
    plan.summary = "Nothing to change: the target revision is already " + revision + ".";
    return plan;
  }
  std::size_t sources = 0;
  for (const auto& object : read_argo_objects(repo)) {
    if (object.kind == "AppProject") continue;
    // Each source's key of the revision: an ApplicationSet's git generators read the files at
    // their own `revision`.
    std::vector<std::pair<SourceAt, const char*>> located;
    for (auto& source : application_sources(object)) located.emplace_back(source, "targetRevision");
    for (auto& generator : git_generators(object)) located.emplace_back(generator, "revision");
    for (const auto& [source, key] : located) {
      // Upstream charts keep their pinned versions: only this repository's sources move.
      if (!same_repository(scalar_of(source.node, "repoURL"), settings.repo_url) ||
          scalar_of(source.node, key) == revision)
        continue;
      set_in_object(plan.changes, object, node_path(source.path, {key}), revision);
      ++sources;
    }
  }
  set_setting(plan.changes, repo, "targetRevision", revision, changed);
  const auto apps = count(sources, "Application source", "Application sources");
  plan.summary = "Target revision set to " + revision + " in " + apps + " and " + kSettingsFile;
  plan.message = "chore: set the target revision to " + revision + "\n\n- " + apps +
                 " of this repository\n- targetRevision in " + kSettingsFile + "\n";
  plan.notes.push_back("Make sure " + revision +
                       " exists in the repository Argo CD reads and holds this commit: Argo CD "
                       "applies the files it finds there.");
  plan.notes.push_back(reapply_root(settings));
  require_still_valid(repo, plan.changes);
  return plan;
}

}  // namespace gitopsgen
