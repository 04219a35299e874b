#include "generators/platform/app_graph.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "generators/platform/init_platform.hpp"

using namespace gitopsgen;

namespace {

const std::string kRepo = "https://github.com/oNddleo/gitops.git";

MemoryWorkspace scaffolded_platform() {
  MemoryWorkspace repo;
  const auto planned = plan_init(repo, ScaffoldSource(), InitRequest{});
  for (const auto& c : planned.changes()) repo.put(c.path, *planned.new_bytes(c));
  return repo;
}

std::string app(const std::string& name, const std::string& source) {
  return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: " + name +
         "\nspec:\n  project: default\n" + source +
         "  destination:\n    server: https://kubernetes.default.svc\n    namespace: dev\n";
}

std::string chart_source(const std::string& value_file) {
  return "  source:\n    repoURL: " + kRepo +
         "\n    path: charts/vsf-miniapp\n    helm:\n      valueFiles:\n        - " + value_file +
         "\n";
}

const AppNode& node(const AppGraph& graph, const std::string& id) {
  const auto it = std::find_if(graph.nodes.begin(), graph.nodes.end(),
                               [&](const AppNode& n) { return n.id == id; });
  REQUIRE(it != graph.nodes.end());
  return *it;
}

std::vector<std::string> child_ids(const AppGraph& graph, const std::string& id) {
  std::vector<std::string> out;
  for (const auto c : node(graph, id).children) out.push_back(graph.nodes[c].id);
  return out;
}

}  // namespace

TEST_CASE("a fresh platform: root → infrastructure and each environment's app-of-apps") {
  const auto repo = scaffolded_platform();
  const auto graph = read_app_graph(repo, kRepo);
  REQUIRE(graph.roots.size() == 1);
  CHECK(graph.nodes[graph.roots[0]].id == "root");
  CHECK(graph.nodes[graph.roots[0]].kind == AppNode::Kind::root);
  const auto children = child_ids(graph, "root");
  for (const auto* name : {"app-of-apps-dev", "app-of-apps-staging", "app-of-apps-production",
                           "traefik", "argocd-self-managed", "linkerd-control-plane"})
    CHECK(std::count(children.begin(), children.end(), name) == 1);
  // An environment without services is still an app-of-apps; a chart Application is not.
  CHECK(node(graph, "app-of-apps-dev").kind == AppNode::Kind::app_of_apps);
  CHECK(node(graph, "linkerd-control-plane").kind == AppNode::Kind::application);
  CHECK(graph.orphans().empty());
  CHECK(graph.with_missing_files().empty());
  CHECK(graph.unreadable.empty());
}

TEST_CASE("a service in an environment folder is its app-of-apps' child; a stray one an orphan") {
  auto repo = scaffolded_platform();
  repo.put("charts/vsf-miniapp/ci/svc-dev.yaml", "serviceName: svc\n");
  repo.put("applications/dev/svc.yaml", app("svc-dev", chart_source("ci/svc-dev.yaml")));
  repo.put("applications/stray/svc.yaml", app("stray", chart_source("ci/svc-dev.yaml")));
  const auto graph = read_app_graph(repo, kRepo);
  CHECK(child_ids(graph, "app-of-apps-dev") == std::vector<std::string>{"svc-dev"});
  CHECK_FALSE(node(graph, "svc-dev").orphan);
  CHECK(node(graph, "stray").orphan);
  REQUIRE(graph.orphans().size() == 1);
  CHECK(graph.nodes[graph.orphans()[0]].id == "stray");
}

TEST_CASE("the tree follows the root's own path and include glob, not a fixed layout") {
  auto repo = scaffolded_platform();
  const auto root = *repo.read("bootstrap/root-app.yaml");
  auto edited = root;
  const auto at = edited.find("{infrastructure/*.yaml,app-of-apps-*.yaml}");
  REQUIRE(at != std::string::npos);
  edited.replace(at, std::string("{infrastructure/*.yaml,app-of-apps-*.yaml}").size(),
                 "app-of-apps-*.yaml");
  repo.put("bootstrap/root-app.yaml", edited);
  const auto graph = read_app_graph(repo, kRepo);
  CHECK(node(graph, "traefik").orphan);
  CHECK_FALSE(node(graph, "app-of-apps-dev").orphan);
}

TEST_CASE("an orphaned app-of-apps leaves its children orphaned too") {
  auto repo = scaffolded_platform();
  repo.put("charts/vsf-miniapp/ci/svc-dev.yaml", "serviceName: svc\n");
  repo.put("applications/dev/svc.yaml", app("svc-dev", chart_source("ci/svc-dev.yaml")));
  repo.remove("applications/app-of-apps-dev.yaml");
  repo.put("extra/app-of-apps-dev.yaml",
           app("app-of-apps-dev",
               "  source:\n    repoURL: " + kRepo + "\n    path: applications/dev\n"));
  const auto graph = read_app_graph(repo, kRepo);
  CHECK(node(graph, "app-of-apps-dev").orphan);
  CHECK(node(graph, "app-of-apps-dev").kind == AppNode::Kind::app_of_apps);
  CHECK(node(graph, "svc-dev").orphan);
}

TEST_CASE("missing source paths, value files and $ref value files") {
  auto repo = scaffolded_platform();
  repo.put("applications/dev/svc.yaml", app("svc-dev", chart_source("ci/../ci/gone.yaml")));
  repo.put("applications/dev/nopath.yaml",
           app("nopath", "  source:\n    repoURL: " + kRepo + "\n    path: charts/none\n"));
  repo.remove("bootstrap/argocd-values.yaml");
  const auto graph = read_app_graph(repo, kRepo);
  const auto& svc = node(graph, "svc-dev");
  REQUIRE(svc.missing.size() == 1);
  CHECK(svc.missing[0].path == "charts/vsf-miniapp/ci/gone.yaml");
  CHECK(svc.missing[0].what == "value file");
  CHECK(svc.missing[0].line == 12);
  REQUIRE(node(graph, "nopath").missing.size() == 1);
  CHECK(node(graph, "nopath").missing[0].what == "path");
  const auto& argocd = node(graph, "argocd-self-managed");
  REQUIRE(argocd.missing.size() == 1);
  CHECK(argocd.missing[0].path == "bootstrap/argocd-values.yaml");
  CHECK(graph.with_missing_files().size() == 3);
}

TEST_CASE("a repeated name gets an id of its own, and unreadable files are kept") {
  auto repo = scaffolded_platform();
  repo.put("charts/vsf-miniapp/ci/svc-dev.yaml", "serviceName: svc\n");
  repo.put("applications/dev/a.yaml", app("twin", chart_source("ci/svc-dev.yaml")));
  repo.put("applications/dev/b.yaml", app("twin", chart_source("ci/svc-dev.yaml")));
  repo.put("applications/dev/bad.yaml", "a: [1,\n");
  const auto graph = read_app_graph(repo, kRepo);
  const auto ids = child_ids(graph, "app-of-apps-dev");
  CHECK(std::count(ids.begin(), ids.end(), "twin@applications/dev/a.yaml:1") == 1);
  CHECK(std::count(ids.begin(), ids.end(), "twin@applications/dev/b.yaml:1") == 1);
  REQUIRE(graph.unreadable.size() == 1);
  CHECK(graph.unreadable[0].file == "applications/dev/bad.yaml");
}
