#include "generators/platform/argo_apps.hpp"

#include <doctest/doctest.h>

using namespace gitopsgen;

TEST_CASE("every YAML file is read, on every core, with findings and objects in file order") {
  MemoryWorkspace repo;
  for (int i = 0; i < 300; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "charts/p/ci/s%03d-dev.yaml", i);
    repo.put(name, i == 40 || i == 250 ? "a: [unclosed\n" : "replicaCount: 1\nimage:\n  tag: x\n");
  }
  repo.put("applications/dev/a.yaml",
           "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: a\n");
  // An apiVersion spelt with an escape is still read as an Argo CD object.
  repo.put("applications/dev/b.yaml",
           "apiVersion: \"argoproj\\x2eio/v1alpha1\"\nkind: Application\nmetadata:\n  name: b\n");
  repo.put("applications/p.yaml",
           "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: p\n");
  Findings findings;
  std::vector<ProjectRecord> projects;
  const auto apps = read_applications(repo, findings, &projects);
  REQUIRE(apps.size() == 2);
  CHECK(apps[0].name == "a");
  CHECK(apps[1].name == "b");
  REQUIRE(projects.size() == 1);
  CHECK(projects[0].locked);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].file == "charts/p/ci/s040-dev.yaml");
  CHECK(findings[1].file == "charts/p/ci/s250-dev.yaml");
  CHECK(findings[0].line == 2);
}
