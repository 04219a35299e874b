#include "generators/services/adopt_layout.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <set>

#include "generators/error.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

// What one Application file says that adopt reads.
struct ApplicationFile {
  std::string path;
  std::string dir;  // the directory under applications/
  std::string stem;
  std::string source_path, repo_url, revision, argocd_namespace, namespace_name, project;
  std::vector<std::string> value_files;
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// The Application in `text`, or nothing (with a note why) when it is not one adopt reads.
std::optional<ApplicationFile> read_application(const std::string& path, const std::string& text,
                                                AdoptFindings& findings) {
  YAML::Node doc;
  try {
    doc = yaml_load_guarded(text, path);
  } catch (const std::exception& e) {
    findings.gaps.push_back(path + ": not YAML adopt can read (" + e.what() + ")");
    return std::nullopt;
  }
  if (yaml_string_at(doc, {"kind"}) == "ApplicationSet")
    throw Error(path +
                ": an ApplicationSet; adopt reads the app-of-apps layout, an Application file "
                "per service and environment, and does not adopt a platform of ApplicationSets");
  if (yaml_string_at(doc, {"kind"}) != "Application") {
    findings.notes.push_back(path + ": not an Argo CD Application");
    return std::nullopt;
  }
  ApplicationFile app;
  app.path = path;
  const auto first = path.find('/');
  const auto last = path.rfind('/');
  app.dir = path.substr(first + 1, last - first - 1);
  const auto file = path.substr(last + 1);
  app.stem = file.substr(0, file.rfind('.'));
  if (yaml_at(doc, {"spec", "sources"}))
    findings.gaps.push_back(path +
                            ": has spec.sources; adopt reads the one spec.source the "
                            "guide's Applications have");
  app.source_path = yaml_string_at(doc, {"spec", "source", "path"});
  app.repo_url = yaml_string_at(doc, {"spec", "source", "repoURL"});
  app.revision = yaml_string_at(doc, {"spec", "source", "targetRevision"});
  app.argocd_namespace = yaml_string_at(doc, {"metadata", "namespace"});
  app.namespace_name = yaml_string_at(doc, {"spec", "destination", "namespace"});
  app.project = yaml_string_at(doc, {"spec", "project"});
  const auto values = yaml_at(doc, {"spec", "source", "helm", "valueFiles"});
  if (values && values.IsSequence())
    for (const auto& v : values)
      if (v.IsScalar()) app.value_files.push_back(v.Scalar());
  return app;
}

// The shared chart's name: the one directory of charts/ that holds a Chart.yaml.
std::string chart_name(const Workspace& repo, const AdoptFacts& given, AdoptFindings& findings) {
  if (const auto g = given.find("platform"); g != given.end()) {
    if (!repo.read("charts/" + g->second + "/Chart.yaml"))
      findings.gaps.push_back("platform: --platform " + g->second + " names no chart (charts/" +
                              g->second + "/Chart.yaml is missing)");
    findings.facts.push_back({"platform", g->second, "--platform"});
    return g->second;
  }
  std::vector<std::string> charts;
  for (const auto& path : repo.list_files("charts")) {
    const auto slash = path.find('/', 7);
    if (slash != std::string::npos && path.substr(slash) == "/Chart.yaml")
      charts.push_back(path.substr(7, slash - 7));
  }
  if (charts.size() == 1) {
    findings.facts.push_back({"platform", charts[0], "charts/" + charts[0] + "/Chart.yaml"});
    return charts[0];
  }
  findings.gaps.push_back(
      charts.empty() ? std::string("platform: no shared chart (the guide's layout keeps it at "
                                   "charts/<platform>/Chart.yaml)")
                     : "platform: charts/ holds " + std::to_string(charts.size()) + " charts (" +
                           joined(charts) + "): give --platform");
  return {};
}

}  // namespace

std::string with_placeholders(const std::string& text,
                              std::vector<std::pair<std::string, std::string>> names) {
  std::stable_sort(names.begin(), names.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto hit = std::find_if(names.begin(), names.end(), [&](const auto& n) {
      return !n.first.empty() && text.compare(i, n.first.size(), n.first) == 0;
    });
    if (hit == names.end()) {
      out += text[i++];
    } else {
      out += hit->second;
      i += hit->first.size();
    }
  }
  return out;
}

std::optional<std::vector<std::string>> promotion_order(std::vector<std::string> names) {
  static const std::vector<std::string> usual = {
      "local",   "dev",      "develop",     "development", "test", "testing",    "ci",
      "qa",      "int",      "integration", "sit",         "uat",  "stage",      "staging",
      "preprod", "pre-prod", "perf",        "canary",      "prod", "production", "live"};
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (auto& name : names) {
    const auto at = std::find(usual.begin(), usual.end(), name);
    if (at == usual.end()) return std::nullopt;
    ranked.emplace_back(static_cast<std::size_t>(at - usual.begin()), std::move(name));
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (auto& r : ranked) out.push_back(std::move(r.second));
  return out;
}

std::string settle_fact(const std::string& setting, const std::string& flag,
                        const std::map<std::string, std::vector<std::string>>& seen,
                        const AdoptFacts& given, AdoptFindings& findings, const std::string& what) {
  if (const auto g = given.find(flag); g != given.end()) {
    findings.facts.push_back({setting, g->second, "--" + flag});
    return g->second;
  }
  if (seen.empty() || (seen.size() == 1 && seen.begin()->first.empty())) {
    findings.gaps.push_back(setting + ": no " + what + " says it (give --" + flag + ")");
    return {};
  }
  if (seen.size() == 1) {
    const auto& files = seen.begin()->second;
    findings.facts.push_back(
        {setting, seen.begin()->first,
         files.front() + (files.size() > 1 ? " and " + std::to_string(files.size() - 1) + " more"
                                           : std::string())});
    return seen.begin()->first;
  }
  std::vector<std::string> says;
  for (const auto& [value, files] : seen)
    says.push_back(files.front() + " says " + (value.empty() ? "nothing" : "'" + value + "'"));
  findings.gaps.push_back(setting + ": the files disagree, " + joined(says) + " (give --" + flag +
                          ")");
  return {};
}

AdoptLayout read_adopt_layout(const Workspace& repo, const AdoptFacts& given,
                              AdoptFindings& findings) {
  AdoptLayout layout;
  auto& settings = layout.settings;
  settings.platform = chart_name(repo, given, findings);
  if (settings.platform.empty()) return layout;
  const auto chart = settings.chart_path();
  // The service Applications: applications/<env>/<platform>-<service>.yaml sourcing the chart.
  std::vector<ApplicationFile> apps;
  std::set<std::string> env_dirs;
  std::map<std::string, std::vector<std::string>> repo_urls, revisions, argocd_namespaces, projects;
  std::map<std::string, std::map<std::string, std::vector<std::string>>> namespaces;
  for (const auto& path : repo.list_files("applications")) {
    if (std::count(path.begin(), path.end(), '/') != 2) continue;
    if (path.rfind("applications/infrastructure/", 0) == 0) continue;
    if (path.size() < 5 || path.compare(path.size() - 5, 5, ".yaml") != 0) continue;
    auto app = read_application(path, *repo.read(path), findings);
    if (!app) continue;
    if (app->source_path != chart) {
      findings.notes.push_back(path + ": an Application of " +
                               (app->source_path.empty() ? "no path" : app->source_path) +
                               ", not of the shared chart " + chart);
      continue;
    }
    env_dirs.insert(app->dir);
    repo_urls[app->repo_url].push_back(path);
    revisions[app->revision].push_back(path);
    argocd_namespaces[app->argocd_namespace].push_back(path);
    namespaces[app->dir][app->namespace_name].push_back(path);
    projects[app->project.empty()
                 ? std::string()
                 : with_placeholders(app->project,
                                     {{settings.platform, "{platform}"}, {app->dir, "{env}"}})]
        .push_back(path);
    apps.push_back(std::move(*app));
  }
  // An environment with no service yet still has its app-of-apps.
  for (const auto& path : repo.list_files("applications")) {
    const std::string prefix = "applications/app-of-apps-";
    if (path.rfind(prefix, 0) == 0 && path.size() > prefix.size() + 5 &&
        path.find('/', prefix.size()) == std::string::npos &&
        path.compare(path.size() - 5, 5, ".yaml") == 0)
      env_dirs.insert(path.substr(prefix.size(), path.size() - prefix.size() - 5));
  }
  // Environments, in promotion order.
  std::vector<std::string> envs;
  if (const auto g = given.find("envs"); g != given.end()) {
    envs = parse_environment_names(g->second);
    for (const auto& dir : env_dirs)
      if (std::find(envs.begin(), envs.end(), dir) == envs.end())
        findings.gaps.push_back("environments: applications/" + dir +
                                "/ holds Applications of the chart, and --envs leaves it out");
    findings.facts.push_back({"environments", joined(envs), "--envs"});
  } else if (env_dirs.empty()) {
    findings.gaps.push_back("environments: no applications/<env>/ holds an Application of " +
                            chart + " (give --envs)");
  } else if (const auto ordered = promotion_order({env_dirs.begin(), env_dirs.end()})) {
    envs = *ordered;
    findings.facts.push_back({"environments", joined(envs), "applications/<env>/"});
  } else {
    findings.gaps.push_back("environments: cannot tell the promotion order of " +
                            joined({env_dirs.begin(), env_dirs.end()}) +
                            " (give --envs in promotion order)");
  }
  settings.environments.clear();
  for (const auto& env : envs) {
    Environment e{env, env};
    const auto key = "namespace." + env;
    if (const auto g = given.find(key); g != given.end()) {
      e.namespace_name = g->second;
      findings.facts.push_back({"namespace of " + env, g->second, "--namespace"});
    } else if (namespaces.count(env)) {
      e.namespace_name = settle_fact("namespace of " + env, "namespace " + env + "=NAMESPACE",
                                     namespaces[env], {}, findings, "Application");
    } else {
      findings.gaps.push_back("namespace of " + env +
                              ": no service Application there to read it "
                              "from (give --namespace " +
                              env + "=NAMESPACE)");
    }
    settings.environments.push_back(std::move(e));
  }
  settings.repo_url =
      settle_fact("repository URL", "repo-url", repo_urls, given, findings, "Application");
  settings.target_revision =
      settle_fact("target revision", "target-revision", revisions, given, findings, "Application");
  settings.service_project =
      settle_fact("service project", "service-project", projects, given, findings, "Application");
  settings.argocd_namespace = settle_fact("Argo CD namespace", "argocd-namespace",
                                          argocd_namespaces, given, findings, "Application");
  // Each Application must sit where gitopsgen looks for it and read the value file it keeps.
  for (const auto& app : apps) {
    if (std::find(envs.begin(), envs.end(), app.dir) == envs.end()) continue;
    const auto prefix = settings.platform + "-";
    if (app.stem.rfind(prefix, 0) != 0 || app.stem.size() == prefix.size()) {
      findings.gaps.push_back(app.path + ": named otherwise than applications/<env>/" +
                              settings.platform + "-<service>.yaml, where gitopsgen keeps it");
      continue;
    }
    const auto service = app.stem.substr(prefix.size());
    const auto value_file = value_file_path(settings, service, app.dir);
    const auto relative = value_file.substr(chart.size() + 1);
    if (std::find(app.value_files.begin(), app.value_files.end(), relative) ==
        app.value_files.end()) {
      findings.gaps.push_back(app.path + ": reads " +
                              (app.value_files.empty() ? std::string("no value file")
                                                       : "value files " + joined(app.value_files)) +
                              ", not " + relative + " where gitopsgen keeps the service's values");
      continue;
    }
    if (!repo.read(value_file)) {
      findings.gaps.push_back(app.path + ": its value file " + value_file + " is missing");
      continue;
    }
    layout.instances.push_back({service, app.dir, app.path, value_file});
  }
  const auto env_index = [&](const std::string& env) {
    return std::find(envs.begin(), envs.end(), env) - envs.begin();
  };
  std::sort(layout.instances.begin(), layout.instances.end(),
            [&](const AdoptedInstance& a, const AdoptedInstance& b) {
              return a.service != b.service ? a.service < b.service
                                            : env_index(a.env) < env_index(b.env);
            });
  // A value file no Application reads is left alone (Helm's chart-testing also keeps files in ci/).
  std::set<std::string> read;
  for (const auto& i : layout.instances) read.insert(i.value_file);
  for (const auto& path : repo.list_files(chart + "/ci")) {
    if (read.count(path)) continue;
    // Named as a service's value file, it would count as that service deployed there.
    const auto stem = path.substr(0, path.size() - (path.size() > 5 ? 5 : 0));
    const auto named = std::find_if(envs.begin(), envs.end(), [&](const std::string& env) {
      const auto suffix = "-" + env;
      return path.compare(path.size() - 5, 5, ".yaml") == 0 && stem.size() > suffix.size() &&
             stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0 &&
             stem.find('/', chart.size() + 4) == std::string::npos;
    });
    if (named != envs.end())
      findings.gaps.push_back(path + ": named as a service's value file in " + *named +
                              ", and no Application reads it: gitopsgen would take the service "
                              "for deployed there (add its Application, or rename the file)");
    else
      findings.notes.push_back(path + ": no Application reads it");
  }
  // A namespace given for an environment the platform does not have is a mistake, not a setting.
  for (const auto& [key, value] : given)
    if (key.rfind("namespace.", 0) == 0 &&
        std::find(envs.begin(), envs.end(), key.substr(10)) == envs.end())
      findings.gaps.push_back("--namespace names environment '" + key.substr(10) +
                              "', which the platform does not have");
  return layout;
}

}  // namespace gitopsgen
