#include "generators/platform/helm_render.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "generators/parallel_map.hpp"
#include "generators/platform/helm_error.hpp"
#include "generators/platform/process.hpp"
#include "generators/yaml/yaml_guard.hpp"

namespace gitopsgen {
namespace {

// The finding for a failed render of `chart` with `value_files`: Helm's whole reason as its
// detail, and pointed at the value file and line that set the value Helm names, when one does.
Finding render_failure(const Workspace& repo, const ProcessResult& result, const std::string& chart,
                       const std::string& release, const std::vector<std::string>& value_files,
                       const std::string& file, int line) {
  auto reason = helm_reason_lines(result.err.empty() ? result.out : result.err);
  const auto prefix = "helm template " + release + ": ";
  Finding finding{
      Finding::Severity::error, file, line,
      prefix + (reason.empty() ? "helm exited with code " + std::to_string(result.exit_code)
                               : reason[0]),
      reason};
  std::vector<std::string> files;
  for (const auto& v : value_files) files.push_back(chart + "/" + v);
  if (files.empty()) files.push_back(chart + "/values.yaml");
  for (const auto& key : helm_value_paths(reason, repo, chart)) {
    const auto where = locate_value(repo, files, key);
    if (!where) continue;
    finding.message = prefix + "the value '" + where->key + "' set here fails";
    if (where->key != key) finding.message += " (Helm reads " + key + ")";
    if (line > 0)
      finding.message += ", for the Application at " + file + ":" + std::to_string(line);
    finding.file = where->file;
    finding.line = where->line;
    break;
  }
  return finding;
}

// One `helm template` run: a release of the chart with its namespace and value files, reported
// at `file` and `line` (the Application's source).
struct RenderJob {
  std::string release, ns;
  std::vector<std::string> value_files;
  std::string file;
  int line = 0;
};

// The finding of `job`'s render, or nothing when it renders valid YAML.
std::optional<Finding> render(const Workspace& repo, const std::filesystem::path& helm,
                              const std::filesystem::path& root, const std::string& chart,
                              const RenderJob& job, const std::vector<std::string>& env) {
  // As a cluster of this platform would: its prometheus-operator-crds Application serves the
  // Prometheus Operator's API, so the ServiceMonitors are rendered and checked too.
  std::vector<std::string> argv = {helm.string(), "template",       job.release,
                                   chart,         "--api-versions", "monitoring.coreos.com/v1"};
  if (!job.ns.empty()) argv.insert(argv.end(), {"--namespace", job.ns});
  for (const auto& v : job.value_files) argv.insert(argv.end(), {"--values", chart + "/" + v});
  const auto result = run_process(argv, root, env);
  if (result.exit_code != 0)
    return render_failure(repo, result, chart, job.release, job.value_files, job.file, job.line);
  try {
    yaml_load_all_guarded(result.out, "helm template " + job.release);
  } catch (const YAML::Exception& e) {
    return Finding{Finding::Severity::error, job.file, job.line,
                   "helm template " + job.release + " renders invalid YAML: " + e.msg};
  } catch (const YamlRefused& e) {
    return Finding{Finding::Severity::error, job.file, job.line,
                   "helm template " + job.release + ": " + e.reason()};
  }
  return std::nullopt;
}

}  // namespace

RenderCounts render_with_helm(const Workspace& repo, const std::filesystem::path& helm,
                              const std::filesystem::path& root, const PlatformSettings& settings,
                              const std::vector<AppRecord>& apps, Findings& findings,
                              const std::set<std::string>* changed) {
  const auto chart = settings.chart_path();
  std::vector<RenderJob> jobs = {{settings.platform, "", {}, chart + "/values.yaml", 0}};
  std::set<std::string> value_files;
  for (const auto& app : apps)
    for (const auto& source : app.sources) {
      if (source.path != chart || source.value_files.empty() ||
          !same_repository(source.repo_url, settings.repo_url))
        continue;
      jobs.push_back(
          {app.name, app.destination_namespace, source.value_files, app.file, source.line});
      for (const auto& v : source.value_files) value_files.insert(chart + "/" + v);
    }
  RenderCounts counts;
  std::vector<RenderJob> chosen;
  const auto chart_changed =
      changed && std::any_of(changed->begin(), changed->end(), [&](const std::string& path) {
        return path.rfind(chart + "/", 0) == 0 && !value_files.count(path);
      });
  // The first job, the chart with its defaults, reads nothing but the chart.
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    bool run = !changed || chart_changed;
    if (!run && i > 0) {
      run = changed->count(jobs[i].file) > 0;
      for (const auto& v : jobs[i].value_files) run |= changed->count(chart + "/" + v) > 0;
    }
    if (run)
      chosen.push_back(std::move(jobs[i]));
    else
      ++counts.skipped;
  }
  // Each render waits on Helm: worth a thread from two renders on. Go's runtime takes every core
  // by default; with a render on each core, one core each spends 13% less CPU (fewer collector
  // threads; README, Performance). A GOMAXPROCS of the user's own is passed on as it is.
  const bool parallel = chosen.size() >= 2 && parallel_threads() > 1;
  std::vector<std::string> env;
  if (parallel && std::getenv("GOMAXPROCS") == nullptr) env.push_back("GOMAXPROCS=1");
  auto results = parallel_map<std::optional<Finding>>(
      chosen.size(), [&](std::size_t i) { return render(repo, helm, root, chart, chosen[i], env); },
      2);
  counts.rendered = chosen.size();
  for (auto& r : results)
    if (r) findings.push_back(std::move(*r));
  return counts;
}

}  // namespace gitopsgen
