#include "generators/platform/helm_render.hpp"

#include <yaml-cpp/yaml.h>

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

void render(const Workspace& repo, const std::filesystem::path& helm,
            const std::filesystem::path& root, const std::string& chart, const std::string& release,
            const std::string& ns, const std::vector<std::string>& value_files,
            const std::string& file, int line, Findings& findings) {
  // As a cluster of this platform would: its prometheus-operator-crds Application serves the
  // Prometheus Operator's API, so the ServiceMonitors are rendered and checked too.
  std::vector<std::string> argv = {helm.string(), "template",       release,
                                   chart,         "--api-versions", "monitoring.coreos.com/v1"};
  if (!ns.empty()) argv.insert(argv.end(), {"--namespace", ns});
  for (const auto& v : value_files) argv.insert(argv.end(), {"--values", chart + "/" + v});
  const auto result = run_process(argv, root);
  if (result.exit_code != 0) {
    findings.push_back(render_failure(repo, result, chart, release, value_files, file, line));
    return;
  }
  try {
    yaml_load_all_guarded(result.out, "helm template " + release);
  } catch (const YAML::Exception& e) {
    findings.push_back({Finding::Severity::error, file, line,
                        "helm template " + release + " renders invalid YAML: " + e.msg});
  } catch (const YamlRefused& e) {
    findings.push_back(
        {Finding::Severity::error, file, line, "helm template " + release + ": " + e.reason()});
  }
}

}  // namespace

void render_with_helm(const Workspace& repo, const std::filesystem::path& helm,
                      const std::filesystem::path& root, const PlatformSettings& settings,
                      const std::vector<AppRecord>& apps, Findings& findings) {
  const auto chart = settings.chart_path();
  render(repo, helm, root, chart, settings.platform, "", {}, chart + "/values.yaml", 0, findings);
  for (const auto& app : apps) {
    for (const auto& source : app.sources) {
      if (source.path != chart || source.value_files.empty() ||
          !same_repository(source.repo_url, settings.repo_url))
        continue;
      render(repo, helm, root, chart, app.name, app.destination_namespace, source.value_files,
             app.file, source.line, findings);
    }
  }
}

}  // namespace gitopsgen
