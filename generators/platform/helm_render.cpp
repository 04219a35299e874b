#include "generators/platform/helm_render.hpp"

#include <yaml-cpp/yaml.h>

#include "generators/platform/process.hpp"
#include "generators/yaml/yaml_guard.hpp"

namespace gitopsgen {
namespace {

// The first line of Helm's complaint, which names the template and the problem.
std::string first_error_line(const ProcessResult& result) {
  const auto& text = result.err.empty() ? result.out : result.err;
  auto line = text.substr(0, text.find('\n'));
  return line.empty() ? "helm exited with code " + std::to_string(result.exit_code) : line;
}

void render(const std::filesystem::path& helm, const std::filesystem::path& root,
            const std::string& chart, const std::string& release, const std::string& ns,
            const std::vector<std::string>& value_files, const std::string& file, int line,
            Findings& findings) {
  // As a cluster of this platform would: its prometheus-operator-crds Application serves the
  // Prometheus Operator's API, so the ServiceMonitors are rendered and checked too.
  std::vector<std::string> argv = {helm.string(), "template",       release,
                                   chart,         "--api-versions", "monitoring.coreos.com/v1"};
  if (!ns.empty()) argv.insert(argv.end(), {"--namespace", ns});
  for (const auto& v : value_files) argv.insert(argv.end(), {"--values", chart + "/" + v});
  const auto result = run_process(argv, root);
  if (result.exit_code != 0) {
    findings.push_back({Finding::Severity::error, file, line,
                        "helm template " + release + ": " + first_error_line(result)});
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

void render_with_helm(const std::filesystem::path& helm, const std::filesystem::path& root,
                      const PlatformSettings& settings, const std::vector<AppRecord>& apps,
                      Findings& findings) {
  const auto chart = settings.chart_path();
  render(helm, root, chart, settings.platform, "", {}, chart + "/values.yaml", 0, findings);
  for (const auto& app : apps) {
    for (const auto& source : app.sources) {
      if (source.path != chart || source.value_files.empty() ||
          !same_repository(source.repo_url, settings.repo_url))
        continue;
      render(helm, root, chart, app.name, app.destination_namespace, source.value_files, app.file,
             source.line, findings);
    }
  }
}

}  // namespace gitopsgen
