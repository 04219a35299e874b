#include "generators/platform/chart_pins.hpp"

#include <yaml-cpp/yaml.h>

#include <regex>

#include "generators/error.hpp"
#include "generators/platform/scaffolds.hpp"
#include "generators/yaml/yaml_guard.hpp"
#include "generators/yaml/yaml_path.hpp"

namespace gitopsgen {
namespace {

constexpr const char* kRecordScaffold = "records/chart-pins.yaml";

std::string required(const YAML::Node& node, const char* key, const std::string& where) {
  const auto value = yaml_string_at(node, {key});
  if (value.empty()) throw Error(where + ": '" + key + "' is missing or empty");
  return value;
}

}  // namespace

int kubernetes_minor(const std::string& version) {
  static const std::regex kMinor(R"(1\.(0|[1-9][0-9]?))");
  std::smatch m;
  if (!std::regex_match(version, m, kMinor))
    throw Error("'" + version + "' is not a Kubernetes minor version such as 1.34");
  return std::stoi(m[1].str());
}

std::string describe_kubernetes_range(const ChartPin& pin) {
  if (!pin.min_minor) return "unknown";
  const auto min = "1." + std::to_string(*pin.min_minor);
  if (!pin.max_minor) return min + " or later";
  return min + " to 1." + std::to_string(*pin.max_minor);
}

std::vector<ChartPin> parse_chart_pins(const std::string& text, const std::string& source) {
  const auto root = yaml_load_guarded(text, source);
  const auto charts = yaml_at(root, {"charts"});
  if (!charts.IsSequence()) throw Error(source + ": 'charts' is missing or not a list");
  std::vector<ChartPin> pins;
  for (const auto& entry : charts) {
    const auto where = source + ":" + std::to_string(entry.Mark().line + 1);
    ChartPin pin{required(entry, "chart", where), required(entry, "repoURL", where),
                 required(entry, "version", where), std::nullopt, std::nullopt};
    required(entry, "confirmed", where);  // a pin rests on a stated source, always
    if (const auto range = yaml_at(entry, {"kubernetes"}); range.IsDefined()) {
      required(entry, "kubernetesSource", where);
      try {
        pin.min_minor = kubernetes_minor(required(range, "min", where + " kubernetes"));
        if (const auto max = yaml_string_at(range, {"max"}); !max.empty())
          pin.max_minor = kubernetes_minor(max);
      } catch (const Error& e) {
        throw Error(where + ": " + e.what());
      }
    }
    pins.push_back(pin);
  }
  return pins;
}

const std::vector<ChartPin>& confirmed_chart_pins() {
  // The record is gitopsgen's own knowledge, so it always comes from the binary, whatever
  // templates --scaffolds names.
  static const auto pins = parse_chart_pins(ScaffoldSource().get(kRecordScaffold), kRecordScaffold);
  return pins;
}

void check_chart_pins(const std::vector<AppRecord>& apps, const std::vector<ChartPin>& record,
                      const std::string& kubernetes_version, Findings& findings) {
  const auto minor = kubernetes_minor(kubernetes_version);
  for (const auto& app : apps) {
    for (const auto& source : app.sources) {
      if (source.chart.empty()) continue;
      const auto what = "chart " + source.chart + " " + source.target_revision;
      const ChartPin* same_chart = nullptr;
      const ChartPin* pin = nullptr;
      for (const auto& p : record) {
        if (p.chart != source.chart || !same_repository(p.repo_url, source.repo_url)) continue;
        same_chart = &p;
        if (p.version == source.target_revision) pin = &p;
      }
      if (!pin) {
        findings.push_back(
            {Finding::Severity::warning, app.file, source.line,
             "Application " + app.name + ": " + what + " from " + source.repo_url +
                 (same_chart ? " is not the version gitopsgen confirmed (" + same_chart->version +
                                   "): check that it is published and supports Kubernetes " +
                                   kubernetes_version
                             : " is not a chart gitopsgen has a record of: its supported "
                               "Kubernetes versions are unknown")});
        continue;
      }
      if ((pin->min_minor && minor < *pin->min_minor) ||
          (pin->max_minor && minor > *pin->max_minor))
        findings.push_back({Finding::Severity::error, app.file, source.line,
                            "Application " + app.name + ": " + what + " supports Kubernetes " +
                                describe_kubernetes_range(*pin) +
                                ", not the platform's kubernetesVersion " + kubernetes_version});
    }
  }
}

}  // namespace gitopsgen
