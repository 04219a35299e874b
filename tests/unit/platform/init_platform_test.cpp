#include "generators/platform/init_platform.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "generators/error.hpp"

using namespace gitopsgen;

namespace {
std::set<std::string> paths_of(const ChangeSet& changes) {
  std::set<std::string> out;
  for (const auto& c : changes.changes()) out.insert(c.path);
  return out;
}
}  // namespace

TEST_CASE("init plans the guide's whole platform from the embedded scaffolds") {
  MemoryWorkspace repo;
  InitRequest request;
  const auto paths = paths_of(plan_init(repo, ScaffoldSource(), request));
  for (const char* expected :
       {"gitopsgen.yaml",
        "bootstrap/root-app.yaml",
        "charts/vsf-miniapp/Chart.yaml",
        "charts/vsf-miniapp/values.yaml",
        "charts/vsf-miniapp/templates/_helpers.tpl",
        "charts/vsf-miniapp/templates/deployment.yaml",
        "charts/vsf-miniapp/templates/service.yaml",
        "charts/vsf-miniapp/templates/serviceaccount.yaml",
        "charts/vsf-miniapp/templates/secretproviderclass.yaml",
        "charts/vsf-miniapp/templates/configmap.yaml",
        "charts/vsf-miniapp/templates/ingressroute.yaml",
        "charts/vsf-miniapp/templates/hpa.yaml",
        "charts/vsf-miniapp/templates/servicemonitor.yaml",
        "charts/vsf-miniapp/ci/.gitkeep",
        "applications/infrastructure/00-project.yaml",
        "applications/infrastructure/argocd-self-managed.yaml",
        "applications/infrastructure/linkerd-crds.yaml",
        "applications/infrastructure/linkerd-control-plane.yaml",
        "applications/infrastructure/linkerd-viz.yaml",
        "applications/infrastructure/secrets-store-csi-driver.yaml",
        "applications/infrastructure/secrets-store-csi-driver-provider-aws.yaml",
        "applications/infrastructure/traefik.yaml",
        "applications/infrastructure/reloader.yaml",
        "applications/app-of-apps-dev.yaml",
        "applications/app-of-apps-staging.yaml",
        "applications/app-of-apps-production.yaml",
        "applications/dev/.gitkeep",
        "infrastructure/linkerd/base/linkerd-certificates.yaml"}) {
    CAPTURE(expected);
    CHECK(paths.count(expected) == 1);
  }
  for (const auto& p : paths) CHECK(p.find(".mustache") == std::string::npos);
}

TEST_CASE("init follows the platform name and environments it is given") {
  MemoryWorkspace repo;
  InitRequest request;
  request.settings.platform = "shop";
  request.settings.environments = {{"qa", "shop-qa"}, {"prod", "shop-prod"}};
  const auto changes = plan_init(repo, ScaffoldSource(), request);
  const auto paths = paths_of(changes);
  CHECK(paths.count("charts/shop/Chart.yaml") == 1);
  CHECK(paths.count("applications/app-of-apps-qa.yaml") == 1);
  CHECK(paths.count("applications/app-of-apps-dev.yaml") == 0);
  const auto chart = YAML::Load(*changes.read_after("charts/shop/Chart.yaml"));
  CHECK(chart["name"].as<std::string>() == "shop");
  const auto app = YAML::Load(*changes.read_after("applications/app-of-apps-prod.yaml"));
  CHECK(app["spec"]["source"]["path"].as<std::string>() == "applications/prod");
}

TEST_CASE("an existing platform is refused unless overwriting is asked for") {
  MemoryWorkspace repo;
  repo.put("gitopsgen.yaml", "platform: x\n");
  InitRequest request;
  CHECK_THROWS_WITH_AS(plan_init(repo, ScaffoldSource(), request), doctest::Contains("--force"),
                       Error);
  request.overwrite = Overwrite::yes;
  // A file gitopsgen has no record of generating is not overwritten unless the user says so.
  CHECK_THROWS_WITH_AS(plan_init(repo, ScaffoldSource(), request),
                       doctest::Contains("gitopsgen.yaml (not in the generation record"), Error);
  request.regeneration.take_new = {"gitopsgen.yaml"};
  CHECK(plan_init(repo, ScaffoldSource(), request).read_after("gitopsgen.yaml") != "platform: x\n");
}

TEST_CASE("re-running init over its own output changes nothing") {
  MemoryWorkspace repo;
  InitRequest request;
  const auto planned = plan_init(repo, ScaffoldSource(), request);
  for (const auto& c : planned.changes()) repo.put(c.path, *planned.new_bytes(c));
  request.overwrite = Overwrite::yes;
  CHECK(plan_init(repo, ScaffoldSource(), request).empty());
}
