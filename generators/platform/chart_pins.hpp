// The upstream Helm charts gitopsgen has confirmed (scaffolds/records/chart-pins.yaml), and the
// check of a platform's chart pins against them and its Kubernetes version.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generators/platform/argo_apps.hpp"
#include "generators/platform/findings.hpp"

namespace gitopsgen {

// One confirmed chart version and the Kubernetes minor versions it supports (1.min … 1.max).
struct ChartPin {
  std::string chart;
  std::string repo_url;
  std::string version;
  std::optional<int> min_minor;  // none: no supported range is known
  std::optional<int> max_minor;  // none: no upper bound is known
};

// The record embedded in this binary, parsed once; throws Error when it is malformed.
const std::vector<ChartPin>& confirmed_chart_pins();

// The record in the YAML `text` (`source` names it in errors); throws Error when malformed.
std::vector<ChartPin> parse_chart_pins(const std::string& text, const std::string& source);

// The minor number of a Kubernetes version "1.N"; throws Error for anything else.
int kubernetes_minor(const std::string& version);

// The supported range of `pin` as text: "1.30 or later", "1.29 to 1.34", or "unknown".
std::string describe_kubernetes_range(const ChartPin& pin);

// Checks every Helm-chart source of `apps` against `record`: a chart or version the record does
// not hold is a warning (gitopsgen cannot vouch that it exists or what it supports); a recorded
// version whose range excludes `kubernetes_version` is an error.
void check_chart_pins(const std::vector<AppRecord>& apps, const std::vector<ChartPin>& record,
                      const std::string& kubernetes_version, Findings& findings);

}  // namespace gitopsgen
