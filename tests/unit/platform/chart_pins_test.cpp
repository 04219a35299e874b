#include "generators/platform/chart_pins.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

namespace {

AppRecord app_with_chart(const std::string& repo, const std::string& chart,
                         const std::string& version) {
  AppRecord app;
  app.name = "x";
  app.file = "applications/infrastructure/x.yaml";
  AppSource source;
  source.repo_url = repo;
  source.chart = chart;
  source.target_revision = version;
  source.line = 7;
  app.sources.push_back(source);
  return app;
}

const std::vector<ChartPin> kRecord = {
    {"driver", "https://charts.example.test", "1.6.1", 30, std::nullopt},
    {"mesh", "https://mesh.example.test/edge", "2025.11.3", 29, 34},
    {"reloader", "https://r.example.test", "2.2.17", std::nullopt, std::nullopt},
};

}  // namespace

TEST_CASE("the embedded record parses and pins every chart with a stated source") {
  const auto& pins = confirmed_chart_pins();
  CHECK(pins.size() >= 8);
  for (const auto& pin : pins) {
    CHECK_FALSE(pin.version.empty());
    if (pin.min_minor && pin.max_minor) CHECK(*pin.min_minor <= *pin.max_minor);
  }
}

TEST_CASE("a malformed record is refused with its line") {
  CHECK_THROWS_WITH_AS(parse_chart_pins("charts: {}\n", "r.yaml"),
                       "r.yaml: 'charts' is missing or not a list", Error);
  CHECK_THROWS_WITH_AS(
      parse_chart_pins("charts:\n  - chart: a\n    repoURL: u\n    version: 1\n", "r.yaml"),
      "r.yaml:2: 'confirmed' is missing or empty", Error);
  CHECK_THROWS_WITH_AS(parse_chart_pins("charts:\n  - chart: a\n    repoURL: u\n    version: 1\n"
                                        "    confirmed: x\n    kubernetes: {min: '1.2x'}\n"
                                        "    kubernetesSource: y\n",
                                        "r.yaml"),
                       "r.yaml:2: '1.2x' is not a Kubernetes minor version such as 1.34", Error);
  CHECK_THROWS_WITH_AS(parse_chart_pins("charts:\n  - chart: a\n    repoURL: u\n    version: 1\n"
                                        "    confirmed: x\n    kubernetes: {min: '1.2'}\n",
                                        "r.yaml"),
                       "r.yaml:2: 'kubernetesSource' is missing or empty", Error);
}

TEST_CASE("Kubernetes minor versions") {
  CHECK(kubernetes_minor("1.34") == 34);
  CHECK(kubernetes_minor("1.0") == 0);
  for (const char* bad : {"1.34.1", "v1.34", "2.1", "1.", "1.034", "", " 1.34"})
    CHECK_THROWS_AS(kubernetes_minor(bad), Error);
  CHECK(describe_kubernetes_range(kRecord[0]) == "1.30 or later");
  CHECK(describe_kubernetes_range(kRecord[1]) == "1.29 to 1.34");
  CHECK(describe_kubernetes_range(kRecord[2]) == "unknown");
}

TEST_CASE("pins are checked against the record and the Kubernetes version") {
  Findings f;
  check_chart_pins({app_with_chart("https://charts.example.test/", "driver", "1.6.1"),
                    app_with_chart("https://mesh.example.test/edge", "mesh", "2025.11.3"),
                    app_with_chart("https://r.example.test", "reloader", "2.2.17")},
                   kRecord, "1.34", f);
  CHECK(f.empty());

  f.clear();
  check_chart_pins({app_with_chart("https://charts.example.test", "driver", "1.6.1")}, kRecord,
                   "1.29", f);
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Finding::Severity::error);
  CHECK(f[0].line == 7);
  CHECK(f[0].message ==
        "Application x: chart driver 1.6.1 supports Kubernetes 1.30 or later, not the platform's "
        "kubernetesVersion 1.29");

  f.clear();
  check_chart_pins({app_with_chart("https://mesh.example.test/edge", "mesh", "2025.11.3")}, kRecord,
                   "1.35", f);
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("supports Kubernetes 1.29 to 1.34") != std::string::npos);

  f.clear();  // a version the record does not hold, e.g. one that was never published
  check_chart_pins({app_with_chart("https://charts.example.test", "driver", "1.6.2"),
                    app_with_chart("https://other.example.test", "driver", "1.6.1")},
                   kRecord, "1.34", f);
  REQUIRE(f.size() == 2);
  CHECK(f[0].severity == Finding::Severity::warning);
  CHECK(f[0].message.find("is not the version gitopsgen confirmed (1.6.1)") != std::string::npos);
  CHECK(f[1].message.find("is not a chart gitopsgen has a record of") != std::string::npos);

  f.clear();  // a chart with no known range passes any version
  check_chart_pins({app_with_chart("https://r.example.test", "reloader", "2.2.17")}, kRecord,
                   "1.12", f);
  CHECK(f.empty());
}
