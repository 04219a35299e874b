#include "generators/services/adopt_layout.hpp"

#include <doctest/doctest.h>

using namespace gitopsgen;

namespace {

std::string application(const std::string& service, const std::string& env,
                        const std::string& repo = "https://git.example.test/p.git") {
  return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: shop-" + service +
         "-" + env + "\n  namespace: argocd\nspec:\n  project: shop-" + env +
         "\n  source:\n    repoURL: " + repo +
         "\n    targetRevision: main\n    path: charts/shop\n    helm:\n      valueFiles:\n"
         "        - ci/" +
         service + "-" + env + ".yaml\n  destination:\n    namespace: " + env + "-ns\n";
}

MemoryWorkspace platform() {
  MemoryWorkspace repo;
  repo.put("charts/shop/Chart.yaml", "name: shop\n");
  for (const char* env : {"prod", "dev"}) {
    repo.put(std::string("applications/") + env + "/shop-api.yaml", application("api", env));
    repo.put(std::string("charts/shop/ci/api-") + env + ".yaml", "serviceName: api\n");
  }
  return repo;
}

}  // namespace

TEST_CASE("environments in promotion order, as their usual names tell it") {
  CHECK(promotion_order({"production", "dev", "staging"}) ==
        std::vector<std::string>{"dev", "staging", "production"});
  CHECK(promotion_order({"live", "uat", "qa"}) == std::vector<std::string>{"qa", "uat", "live"});
  CHECK_FALSE(promotion_order({"dev", "blue"}));
}

TEST_CASE("names become placeholders, the longest first") {
  CHECK(with_placeholders("shop-api-prod", {{"shop", "{platform}"}, {"prod", "{env}"}}) ==
        "{platform}-api-{env}");
  // "shop-api" is the service, not the platform followed by "-api".
  CHECK(with_placeholders("role-shop-api", {{"shop", "{platform}"}, {"shop-api", "{service}"}}) ==
        "role-{service}");
  CHECK(with_placeholders("default", {{"shop", "{platform}"}, {"", "{env}"}}) == "default");
}

TEST_CASE("the layout: chart, environments, namespaces, repository and each service instance") {
  auto repo = platform();
  AdoptFindings findings;
  const auto layout = read_adopt_layout(repo, {}, findings);
  CHECK(findings.gaps.empty());
  CHECK(layout.settings.platform == "shop");
  REQUIRE(layout.settings.environments.size() == 2);
  CHECK(layout.settings.environments[0] == Environment{"dev", "dev-ns"});
  CHECK(layout.settings.environments[1] == Environment{"prod", "prod-ns"});
  CHECK(layout.settings.repo_url == "https://git.example.test/p.git");
  CHECK(layout.settings.target_revision == "main");
  CHECK(layout.settings.service_project == "{platform}-{env}");
  REQUIRE(layout.instances.size() == 2);
  CHECK(layout.instances[0].env == "dev");
  CHECK(layout.instances[1].value_file == "charts/shop/ci/api-prod.yaml");
}

TEST_CASE("what the layout does not tell is a gap naming the file and the flag") {
  auto repo = platform();
  repo.put("applications/dev/shop-web.yaml", application("web", "dev", "https://elsewhere.test/x"));
  repo.put("charts/shop/ci/web-dev.yaml", "serviceName: web\n");
  repo.put("applications/dev/other.yaml", application("x", "dev"));
  repo.put("charts/shop/ci/lint-values.yaml", "a: 1\n");
  AdoptFindings findings;
  read_adopt_layout(repo, {}, findings);
  REQUIRE(findings.gaps.size() == 2);
  CHECK(findings.gaps[0].find("repository URL: the files disagree") == 0);
  CHECK(findings.gaps[0].find("(give --repo-url)") != std::string::npos);
  CHECK(findings.gaps[1].find("applications/dev/other.yaml: named otherwise") == 0);
  CHECK(findings.notes.back() == "charts/shop/ci/lint-values.yaml: no Application reads it");
  AdoptFindings given;
  const auto layout =
      read_adopt_layout(repo, {{"repo-url", "https://git.example.test/p.git"}}, given);
  CHECK(layout.settings.repo_url == "https://git.example.test/p.git");
  CHECK(given.gaps.size() == 1);
}

TEST_CASE("no chart, or several: a gap; --platform chooses") {
  MemoryWorkspace repo;
  AdoptFindings none;
  read_adopt_layout(repo, {}, none);
  CHECK(none.gaps.at(0).find("platform: no shared chart") == 0);
  repo.put("charts/a/Chart.yaml", "name: a\n");
  repo.put("charts/b/Chart.yaml", "name: b\n");
  AdoptFindings two;
  read_adopt_layout(repo, {}, two);
  CHECK(two.gaps.at(0) == "platform: charts/ holds 2 charts (a, b): give --platform");
  AdoptFindings chosen;
  CHECK(read_adopt_layout(repo, {{"platform", "b"}, {"envs", "dev"}}, chosen).settings.platform ==
        "b");
}

TEST_CASE("a value file no Application reads, named as a service's, is a gap; others are left") {
  auto repo = platform();
  repo.put("charts/shop/ci/old-dev.yaml", "a: 1\n");
  repo.put("charts/shop/ci/archive/api-dev.yaml", "a: 1\n");
  AdoptFindings findings;
  read_adopt_layout(repo, {{"namespace.qa", "qa"}}, findings);
  REQUIRE(findings.gaps.size() == 2);
  CHECK(findings.gaps[0].find(
            "charts/shop/ci/old-dev.yaml: named as a service's value file in dev") == 0);
  CHECK(findings.gaps[1] == "--namespace names environment 'qa', which the platform does not have");
  CHECK(findings.notes.back() == "charts/shop/ci/archive/api-dev.yaml: no Application reads it");
}
