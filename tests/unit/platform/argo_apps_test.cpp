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
  const auto apps = read_applications(repo, "", findings, &projects);
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

namespace {

// Every field validate reads of the Applications in `text`, as one string.
std::string records_of(const std::string& text) {
  MemoryWorkspace repo;
  repo.put("applications/dev/x.yaml", text);
  Findings findings;
  std::string out;
  for (const auto& app : read_applications(repo, "", findings)) {
    out += app.name + "|" + app.project + "|" + std::to_string(app.line) + "|" +
           app.destination_namespace + "\n";
    for (const auto& s : app.sources) {
      out += "  " + s.repo_url + "|" + s.path + "|" + s.chart + "|" + s.ref + "|" +
             s.target_revision + "|" + std::to_string(s.line) + "|" + std::to_string(s.path_line) +
             "|" + (s.recurse ? "recurse" : "flat") + "|" + s.include + "|" + s.exclude + "\n";
      for (std::size_t i = 0; i < s.value_files.size(); ++i)
        out += "    " + s.value_files[i] + "@" + std::to_string(s.value_file_lines[i]) + "\n";
    }
  }
  for (const auto& f : findings) out += "finding " + f.file + ":" + std::to_string(f.line) + "\n";
  return out;
}

}  // namespace

TEST_CASE("the fast road through libyaml's tree reads an Application exactly as yaml-cpp does") {
  const std::string plain =
      "# An Application\n\n"
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: shop-api-dev\n"
      "spec:\n  project: 'shop-dev'\n  sources:\n    - repoURL: https://git.example.test/p.git\n"
      "      targetRevision: \"main\"\n      path: charts/shop\n      helm:\n        valueFiles:\n"
      "          - ci/api-dev.yaml\n          - $values/extra.yaml\n          - ~\n"
      "    - repoURL: https://git.example.test/v.git\n      ref: values\n"
      "    - {repoURL: https://git.example.test/d.git, path: apps, directory: {recurse: yes, "
      "include: '*.yaml'}}\n"
      "  destination:\n    namespace: dev\n";
  // An anchor yaml-cpp ignores sends the same file down yaml-cpp's road.
  auto anchored = plain;
  anchored.replace(anchored.find("name: shop-api-dev"), 18, "name: &n shop-api-dev");
  const auto fast = records_of(plain);
  CHECK(fast == records_of(anchored));
  CHECK(fast.find("shop-api-dev|shop-dev|3|dev\n") == 0);
  CHECK(fast.find("    ci/api-dev.yaml@15\n") != std::string::npos);
  CHECK(fast.find("    @17\n") != std::string::npos);  // a null value file reads as ""
  CHECK(fast.find("|apps||||20|20|recurse|*.yaml|") != std::string::npos);
  // Two documents take yaml-cpp's road too, and find both.
  const auto two = records_of(plain + "---\n" + plain);
  CHECK(two.substr(0, fast.size()) == fast);
  CHECK(two.find("shop-api-dev|shop-dev|", fast.size()) == fast.size());
}
