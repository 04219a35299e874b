#include "generators/platform/helm_error.hpp"

#include <doctest/doctest.h>

using namespace gitopsgen;

namespace {

const std::string kRangeError =
    "Error: vsf-miniapp/templates/ingressroute.yaml:4:19\n"
    "  executing \"vsf-miniapp/templates/ingressroute.yaml\" at <.Values.ingress.hosts>:\n"
    "    range can't iterate over oops\n"
    "\n"
    "Use --debug flag to render out invalid YAML\n";

MemoryWorkspace chart() {
  MemoryWorkspace repo;
  repo.put("charts/c/templates/ingressroute.yaml",
           "{{- if .Values.ingress.enabled }}\n{{- if not .Values.ingress.hosts }}\n"
           "{{- fail \"no hosts\" }}\n{{- end }}\n  routes: {{ .Values.service.port }}\n");
  repo.put("charts/c/values.yaml",
           "ingress:\n  enabled: false\n  hosts: []\nservice:\n  port: 80\n");
  repo.put("charts/c/ci/a.yaml", "# a\ningress:\n  enabled: true\n  hosts: oops\n");
  repo.put("charts/c/ci/b.yaml", "ingress:\n  enabled: true\n");
  return repo;
}

}  // namespace

TEST_CASE("Helm's reason keeps every line but blanks and the --debug hint") {
  const auto lines = helm_reason_lines(kRangeError);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "Error: vsf-miniapp/templates/ingressroute.yaml:4:19");
  CHECK(lines[2] == "    range can't iterate over oops");
  CHECK(helm_reason_lines("").empty());
}

TEST_CASE("the values a complaint names: <.Values…>, the template line, the lines above a fail") {
  const auto repo = chart();
  CHECK(helm_value_paths(helm_reason_lines(kRangeError), repo, "charts/c") ==
        std::vector<std::string>{"ingress.hosts"});
  CHECK(helm_value_paths({"Error: c/templates/ingressroute.yaml:5:3 oops"}, repo, "charts/c") ==
        std::vector<std::string>{"service.port"});
  CHECK(helm_value_paths({"Error: execution error at (c/templates/ingressroute.yaml:3:4): no"},
                         repo, "charts/c") == std::vector<std::string>{"ingress.hosts"});
  CHECK(helm_value_paths({"Error: c/templates/gone.yaml:3:4"}, repo, "charts/c").empty());
  CHECK(helm_value_paths({"Error: c/templates/ingressroute.yaml:99:1"}, repo, "charts/c").empty());
}

TEST_CASE("a value is located in the last value file that sets it, at its key's line") {
  const auto repo = chart();
  const auto at = locate_value(repo, {"charts/c/ci/a.yaml", "charts/c/ci/b.yaml"}, "ingress.hosts");
  REQUIRE(at);
  CHECK(at->file == "charts/c/ci/a.yaml");
  CHECK(at->line == 4);
  CHECK(at->key == "ingress.hosts");
  // b.yaml, the later file, sets ingress.enabled: it wins.
  CHECK(locate_value(repo, {"charts/c/ci/a.yaml", "charts/c/ci/b.yaml"}, "ingress.enabled")->file ==
        "charts/c/ci/b.yaml");
  // Only a prefix is set: the deepest one.
  const auto prefix = locate_value(repo, {"charts/c/ci/a.yaml"}, "ingress.hosts.first.host");
  REQUIRE(prefix);
  CHECK(prefix->key == "ingress.hosts");
  CHECK_FALSE(locate_value(repo, {"charts/c/ci/a.yaml"}, "nope.deeper"));
  CHECK_FALSE(locate_value(repo, {"charts/c/ci/missing.yaml"}, "ingress.hosts"));
}
