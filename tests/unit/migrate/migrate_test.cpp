#include "generators/migrate/migrate.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <tuple>

#include "generators/error.hpp"
#include "generators/migrate/migrate_env.hpp"
#include "generators/platform/init_platform.hpp"
#include "generators/services/service_inventory.hpp"
#include "generators/yaml/yaml_node_edit.hpp"

using namespace gitopsgen;

namespace {

// `base` with `changes` applied, as a new in-memory repository.
MemoryWorkspace applied(const Workspace& base, const ChangeSet& changes) {
  MemoryWorkspace out;
  for (const auto& path : base.list_files("")) {
    if (const auto bytes = changes.read_after(path)) out.put(path, *bytes);
  }
  for (const auto& c : changes.changes()) {
    if (c.writes()) out.put(c.path, *changes.new_bytes(c));
  }
  return out;
}

// The guide's platform with a Java and a Node.js service holding secrets.
MemoryWorkspace platform() {
  MemoryWorkspace empty;
  auto repo = applied(empty, plan_init(empty, ScaffoldSource(), InitRequest{}));
  const PlatformSettings settings;
  for (const auto& [name, language, secret] :
       {std::tuple{"service-a", "java", "database"}, std::tuple{"service-b", "nodejs", "redis"}}) {
    ServiceSpec spec;
    spec.name = name;
    spec.language = language;
    spec.secrets = {{secret, {"url"}}};
    repo = applied(repo,
                   plan_add_service(repo, ScaffoldSource(), settings, spec, Overwrite::no).changes);
  }
  return repo;
}

std::string read(const Workspace& repo, const std::string& path) {
  const auto bytes = repo.read(path);
  REQUIRE_MESSAGE(bytes.has_value(), path);
  return *bytes;
}

std::string scalar(const Workspace& repo, const std::string& path, const YamlNodePath& at) {
  return yaml_read_node(read(repo, path), at).value_or("<missing>");
}

}  // namespace

TEST_CASE("a scalar inside a sequence item is set and nothing else moves") {
  const std::string text =
      "spec:\n  sources:\n    - repoURL: https://a.example/x.git  # upstream\n"
      "      path: p\n    - repoURL: 'https://b.example/y.git'\n      path: q # mine\n";
  CHECK(yaml_set_node(text, {"spec", "sources", 1u, "path"}, "charts/new") ==
        "spec:\n  sources:\n    - repoURL: https://a.example/x.git  # upstream\n"
        "      path: p\n    - repoURL: 'https://b.example/y.git'\n      path: charts/new # mine\n");
  CHECK(yaml_set_node(text, {"spec", "sources", 1u, "repoURL"}, "git@h:o/r.git") ==
        "spec:\n  sources:\n    - repoURL: https://a.example/x.git  # upstream\n"
        "      path: p\n    - repoURL: 'git@h:o/r.git'\n      path: q # mine\n");
  CHECK(yaml_read_node(text, {"spec", "sources", 0u, "path"}) == "p");
  CHECK_FALSE(yaml_read_node(text, {"spec", "sources", 2u, "path"}).has_value());
}

TEST_CASE("sequence items of scalars, flow sequences and CRLF keep their layout") {
  CHECK(yaml_set_node("repos:\n  - a  # this\n  - b\n", {"repos", 0u}, "c") ==
        "repos:\n  - c  # this\n  - b\n");
  CHECK(yaml_set_node("repos: [a, b]\n", {"repos", 1u}, "x,y") == "repos: [a, \"x,y\"]\n");
  CHECK(yaml_set_node("env:\r\n  - name: A\r\n    value: dev\r\n", {"env", 0u, "value"}, "1.10") ==
        "env:\r\n  - name: A\r\n    value: \"1.10\"\r\n");
  // A path of keys only may add a missing key, as yaml_set_scalar does.
  CHECK(yaml_set_node("a:\n  b: 1\n", {"a", "c"}, "2") == "a:\n  b: 1\n  c: \"2\"\n");
}

TEST_CASE("edits that would change more than one scalar are refused") {
  CHECK_THROWS_WITH_AS(yaml_set_node("l:\n  - a\n", {"l", 3u}, "x"),
                       "cannot set l[3]: l[3] is missing", Error);
  CHECK_THROWS_AS(yaml_set_node("x: &v a\nl:\n  - *v\n", {"l", 0u}, "b"), Error);
  CHECK_THROWS_AS(yaml_set_node("l:\n  - |\n    a\n", {"l", 0u}, "b"), Error);
  CHECK_THROWS_AS(yaml_set_node("l: {a: 1}\n", {"l", 0u}, "b"), Error);
}

TEST_CASE("a copied sequence item lands next to its original, in its own layout") {
  const std::string text =
      "spec:\n  destinations:\n    # environments\n    - server: s  # cluster\n"
      "      namespace: dev\n    - server: s\n      namespace: prod\n    # argocd\n"
      "    - server: s\n      namespace: argocd\n";
  CHECK(yaml_copy_sequence_item(text, {"spec", "destinations", 0u}, ItemPlacement::after,
                                {{{"namespace"}, "qa"}}) ==
        "spec:\n  destinations:\n    # environments\n    - server: s  # cluster\n"
        "      namespace: dev\n    - server: s  # cluster\n      namespace: qa\n"
        "    - server: s\n      namespace: prod\n    # argocd\n    - server: s\n"
        "      namespace: argocd\n");
  CHECK(yaml_copy_sequence_item(text, {"spec", "destinations", 1u}, ItemPlacement::before,
                                {{{"namespace"}, "qa"}}) ==
        "spec:\n  destinations:\n    # environments\n    - server: s  # cluster\n"
        "      namespace: dev\n    - server: s\n      namespace: qa\n    - server: s\n"
        "      namespace: prod\n    # argocd\n    - server: s\n      namespace: argocd\n");
  // The last item of a text without a final line break.
  CHECK(yaml_copy_sequence_item("envs:\r\n  - name: a\r\n    ns: a", {"envs", 0u},
                                ItemPlacement::after, {{{"name"}, "b"}, {{"ns"}, "yes"}}) ==
        "envs:\r\n  - name: a\r\n    ns: a\r\n  - name: b\r\n    ns: \"yes\"");
}

TEST_CASE("items that cannot be copied line for line are refused") {
  CHECK_THROWS_AS(yaml_copy_sequence_item("l: [a, b]\n", {"l", 0u}, ItemPlacement::after, {}),
                  Error);
  CHECK_THROWS_AS(
      yaml_copy_sequence_item("l:\n  - &x {a: 1}\n", {"l", 0u}, ItemPlacement::after, {}), Error);
  CHECK_THROWS_AS(yaml_copy_sequence_item("l:\n  - - a\n", {"l", 0u, 0u}, ItemPlacement::after, {}),
                  Error);
  CHECK_THROWS_AS(
      yaml_copy_sequence_item("l:\n  - a: 1\n", {"l", 0u}, ItemPlacement::after, {{{"b"}, "x"}}),
      Error);
}

TEST_CASE("hosts, header comments and Spring profiles follow the new environment") {
  CHECK(copy_host("svc.dev.example.com", "dev", "qa") == "svc.qa.example.com");
  CHECK(copy_host("svc.example.com", "production", "perf") == "svc.perf.example.com");
  CHECK(copy_host("svc", "production", "perf") == "svc.perf");
  CHECK(copy_header_comments("# a (Java) in dev\n# app-of-apps-dev picks it up\nk: in dev\n", "dev",
                             "qa") ==
        "# a (Java) in qa\n# app-of-apps-qa picks it up\nk: in dev\n");
  CHECK(copy_header_comments("# not in development\r\n", "dev", "qa") ==
        "# not in development\r\n");
  CHECK(environment_named_variables() == std::vector<std::string>{"SPRING_PROFILES_ACTIVE"});

  const std::string values =
      "env:\n  - name: SPRING_PROFILES_ACTIVE\n    value: dev, kafka\n  - name: NODE_ENV\n"
      "    value: dev\nsecretsManager:\n  objects:\n    - objectName: dev/p/s/db\n"
      "      jmesPath:\n        - path: url\n    - objectName: shared/db\n"
      "ingress:\n  enabled: true\n  hosts:\n    - host: s.dev.d.com\n      paths:\n"
      "        - path: /api\n";
  const auto copied =
      copy_value_file(values, "ci/s-dev.yaml", {{"dev", "dev"}, {"qa", "qa"}}, "eu-west-1");
  CHECK(copied.text ==
        "env:\n  - name: SPRING_PROFILES_ACTIVE\n    value: \"qa, kafka\"\n  - name: NODE_ENV\n"
        "    value: dev\nsecretsManager:\n  objects:\n    - objectName: qa/p/s/db\n"
        "      jmesPath:\n        - path: url\n    - objectName: shared/db\n"
        "ingress:\n  enabled: true\n  hosts:\n    - host: s.qa.d.com\n      paths:\n"
        "        - path: /api\n");
  REQUIRE(copied.secrets.size() == 1);
  CHECK(copied.secrets[0].object_name == "qa/p/s/db");
  CHECK(copied.secrets[0].region == "eu-west-1");
  CHECK(copied.secrets[0].keys == std::vector<std::string>{"url"});
  REQUIRE(copied.ingress.size() == 1);
  CHECK(copied.ingress[0].host == "s.qa.d.com");
}

TEST_CASE("an Application copied for another environment") {
  const std::string app =
      "# s in dev\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n"
      "  name: p-s-dev\n  labels:\n    environment: dev\nspec:\n  source:\n"
      "    path: charts/p\n    helm:\n      valueFiles:\n        - ci/s-dev.yaml\n"
      "  destination:\n    namespace: dev-ns\n";
  const EnvironmentCopy copy{{"dev", "dev-ns"}, {"qa", "qa-ns"}};
  CHECK(copy_application(app, "a.yaml", copy, "s", "fallback") ==
        "# s in qa\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n"
        "  name: p-s-qa\n  labels:\n    environment: qa\nspec:\n  source:\n"
        "    path: charts/p\n    helm:\n      valueFiles:\n        - ci/s-qa.yaml\n"
        "  destination:\n    namespace: qa-ns\n");
  auto custom = app;
  custom.replace(custom.find("p-s-dev"), 7, "custom");
  CHECK(yaml_read_node(copy_application(custom, "a.yaml", copy, "s", "p-s-qa"),
                       {"metadata", "name"}) == "p-s-qa");
  CHECK_THROWS_WITH_AS(copy_application(app, "a.yaml", copy, "other", "x"),
                       "a.yaml: no helm value file names other-dev.yaml", Error);
}

TEST_CASE("rename-chart moves the platform chart and everything that points at it") {
  const auto repo = platform();
  const PlatformSettings settings;
  const auto plan = plan_rename_chart(repo, settings, {"vsf-miniapp", "shop", false});
  const auto after = applied(repo, plan.changes);
  CHECK(after.list_files("charts/vsf-miniapp").empty());
  // Only nameOverride changes in values.yaml: it keeps the selector label of the old name.
  auto values = read(repo, "charts/vsf-miniapp/values.yaml");
  values.replace(values.find("nameOverride: \"\""), 16, "nameOverride: \"vsf-miniapp\"");
  CHECK(read(after, "charts/shop/values.yaml") == values);
  CHECK(scalar(after, "charts/shop/Chart.yaml", {"name"}) == "shop");
  CHECK(load_settings(after).platform == "shop");
  CHECK(scalar(after, "applications/infrastructure/00-project.yaml", {"metadata", "name"}) ==
        "shop");
  CHECK(scalar(after, "applications/infrastructure/traefik.yaml", {"spec", "project"}) == "shop");
  const auto app = "applications/dev/shop-service-a.yaml";
  CHECK(scalar(after, app, {"spec", "source", "path"}) == "charts/shop");
  CHECK(scalar(after, app, {"metadata", "name"}) == "vsf-miniapp-service-a-dev");
  CHECK_FALSE(after.read("applications/dev/vsf-miniapp-service-a.yaml"));
  CHECK(plan.notes.size() == 1);  // Application names are kept

  const auto kept = plan_rename_chart(repo, settings, {"vsf-miniapp", "shop", true});
  CHECK(scalar(applied(repo, kept.changes), "charts/shop/Chart.yaml", {"name"}) == "vsf-miniapp");
  CHECK(read(applied(repo, kept.changes), "charts/shop/values.yaml") ==
        read(repo, "charts/vsf-miniapp/values.yaml"));
  CHECK(kept.notes.size() == 1);

  // A second rename keeps the first name: nameOverride is already set.
  const auto again = plan_rename_chart(after, load_settings(after), {"shop", "store", false});
  CHECK(scalar(applied(after, again.changes), "charts/store/values.yaml", {"nameOverride"}) ==
        "vsf-miniapp");

  // A chart whose templates read no nameOverride keeps Chart.yaml's name, and says why.
  auto old_chart = repo;
  auto helpers = read(repo, "charts/vsf-miniapp/templates/_helpers.tpl");
  helpers.replace(helpers.find(".Values.nameOverride | default "), 31, "");
  old_chart.put("charts/vsf-miniapp/templates/_helpers.tpl", helpers);
  const auto old = plan_rename_chart(old_chart, settings, {"vsf-miniapp", "shop", false});
  CHECK(scalar(applied(old_chart, old.changes), "charts/shop/Chart.yaml", {"name"}) ==
        "vsf-miniapp");
  REQUIRE(old.notes.size() == 2);
  CHECK(old.notes[0].find("Chart.yaml's name stays vsf-miniapp") != std::string::npos);
}

TEST_CASE("rename-chart of another chart leaves the platform alone") {
  auto repo = platform();
  repo.put("charts/tools/Chart.yaml", "apiVersion: v2\nname: tools\nversion: 0.1.0\n");
  auto app = read(repo, "applications/dev/vsf-miniapp-service-a.yaml");
  app.replace(app.find("path: charts/vsf-miniapp"), 24, "path: ./charts/tools/");
  repo.put("applications/dev/vsf-miniapp-service-a.yaml", app);
  const auto plan = plan_rename_chart(repo, PlatformSettings(), {"tools", "ops-tools", false});
  const auto after = applied(repo, plan.changes);
  CHECK(load_settings(after).platform == "vsf-miniapp");
  CHECK(scalar(after, "applications/dev/vsf-miniapp-service-a.yaml", {"spec", "source", "path"}) ==
        "charts/ops-tools");
  CHECK(plan.changes.changes().size() == 3);  // Chart.yaml moved (two entries), one Application
}

TEST_CASE("rename-chart refuses what it cannot do") {
  const auto repo = platform();
  const PlatformSettings s;
  CHECK_THROWS_WITH_AS(plan_rename_chart(repo, s, {"nope", "x", false}),
                       "there is no chart charts/nope/", Error);
  CHECK_THROWS_WITH_AS(plan_rename_chart(repo, s, {"vsf-miniapp", "Bad_Name", false}),
                       doctest::Contains("is not a DNS-1123 label"), Error);
  const auto same = plan_rename_chart(repo, s, {"vsf-miniapp", "vsf-miniapp", false});
  CHECK(same.changes.empty());
  CHECK(same.summary == "Nothing to change: the chart is already named vsf-miniapp.");
  CHECK_THROWS_WITH_AS(plan_rename_chart(repo, s, {"../x", "y", false}),
                       doctest::Contains("is not the name of a directory under charts/"), Error);
  auto taken = repo;
  taken.put("charts/shop/README.md", "x");
  CHECK_THROWS_WITH_AS(plan_rename_chart(taken, s, {"vsf-miniapp", "shop", false}),
                       "charts/shop already exists", Error);
}

TEST_CASE("set-repo-url and set-revision move this repository's sources only") {
  const auto repo = platform();
  const PlatformSettings s;
  const auto plane = "applications/infrastructure/linkerd-control-plane.yaml";
  const auto url = plan_set_repo_url(repo, s, "git@git.example.com:acme/gitops.git");
  auto after = applied(repo, url.changes);
  CHECK(scalar(after, plane, {"spec", "sources", 1u, "repoURL"}) ==
        "git@git.example.com:acme/gitops.git");
  CHECK(scalar(after, plane, {"spec", "sources", 0u, "repoURL"}) == "https://helm.linkerd.io/edge");
  CHECK(scalar(after, "applications/infrastructure/00-project.yaml", {"spec", "sourceRepos", 0u}) ==
        "git@git.example.com:acme/gitops.git");
  CHECK(load_settings(after).repo_url == "git@git.example.com:acme/gitops.git");

  const auto rev = plan_set_revision(repo, s, "release-1.2");
  after = applied(repo, rev.changes);
  CHECK(scalar(after, plane, {"spec", "sources", 1u, "targetRevision"}) == "release-1.2");
  CHECK(scalar(after, plane, {"spec", "sources", 0u, "targetRevision"}) == "2025.11.3");
  CHECK(scalar(after, "bootstrap/root-app.yaml", {"spec", "source", "targetRevision"}) ==
        "release-1.2");
  CHECK(load_settings(after).target_revision == "release-1.2");

  CHECK_THROWS_WITH_AS(plan_set_repo_url(repo, s, "not a url"),
                       doctest::Contains("is not a git URL"), Error);
  const auto same_url = plan_set_repo_url(repo, s, s.repo_url);
  CHECK(same_url.changes.empty());
  CHECK(same_url.summary == "Nothing to change: the repository URL is already " + s.repo_url + ".");
  CHECK_THROWS_WITH_AS(plan_set_revision(repo, s, "a b"),
                       doctest::Contains("is not a git revision"), Error);
  const auto same_revision = plan_set_revision(repo, s, "HEAD");
  CHECK(same_revision.changes.empty());
  CHECK(same_revision.summary == "Nothing to change: the target revision is already HEAD.");
}

TEST_CASE("add-env copies an environment into its place in promotion order") {
  const auto repo = platform();
  const PlatformSettings s;
  const auto plan = plan_add_environment(repo, ScaffoldSource(), s, {"qa", "dev", "qa-ns", {}});
  const auto after = applied(repo, plan.changes);
  const auto envs = load_settings(after).environments;
  CHECK(envs ==
        std::vector<Environment>{
            {"dev", "dev"}, {"qa", "qa-ns"}, {"staging", "staging"}, {"production", "production"}});
  CHECK(scalar(after, "charts/vsf-miniapp/ci/service-a-qa.yaml",
               {"ingress", "hosts", 0u, "host"}) == "service-a.qa.vsf-miniapp.com");
  CHECK(scalar(after, "applications/qa/vsf-miniapp-service-b.yaml",
               {"spec", "destination", "namespace"}) == "qa-ns");
  CHECK(scalar(after, "applications/app-of-apps-qa.yaml", {"spec", "source", "path"}) ==
        "applications/qa");
  // qa's services get an AppProject of their own, limited to qa-ns; the infrastructure's is kept.
  CHECK(scalar(after, "applications/infrastructure/00-project-qa.yaml", {"metadata", "name"}) ==
        "vsf-miniapp-qa");
  CHECK(scalar(after, "applications/infrastructure/00-project-qa.yaml",
               {"spec", "destinations", 0u, "namespace"}) == "qa-ns");
  CHECK(read(after, "applications/infrastructure/00-project.yaml") ==
        read(repo, "applications/infrastructure/00-project.yaml"));
  CHECK(scalar(after, "applications/qa/vsf-miniapp-service-b.yaml", {"spec", "project"}) ==
        "vsf-miniapp-qa");
  CHECK(plan.secrets.size() == 2);
  CHECK(list_service_instances(after, load_settings(after)).size() == 8);

  const auto last =
      plan_add_environment(repo, ScaffoldSource(), s, {"perf", "staging", {}, "production"});
  CHECK(load_settings(applied(repo, last.changes)).environments.back().name == "perf");
  CHECK(last.notes.size() == 1);
}

TEST_CASE("add-env on a platform with one AppProject for every environment adds a destination") {
  // The layout gitopsgen wrote before AppProjects per environment: the infrastructure's
  // AppProject lists every environment's namespace, and every Application is in it.
  auto repo = platform();
  for (const auto& env : {"dev", "staging", "production"})
    repo.remove("applications/infrastructure/00-project-" + std::string(env) + ".yaml");
  auto project = read(repo, "applications/infrastructure/00-project.yaml");
  project.replace(project.find("  destinations:\n") + 16, 0,
                  "    - server: https://kubernetes.default.svc\n      namespace: dev\n"
                  "    - server: https://kubernetes.default.svc\n      namespace: staging\n");
  repo.put("applications/infrastructure/00-project.yaml", project);
  for (const auto& file : repo.list_files("applications")) {
    auto text = read(repo, file);
    for (const auto& env : {"dev", "staging", "production"}) {
      const auto from = std::string("project: vsf-miniapp-") + env + "\n";
      if (const auto at = text.find(from); at != std::string::npos)
        text.replace(at, from.size(), "project: vsf-miniapp\n");
    }
    repo.put(file, text);
  }
  const auto plan =
      plan_add_environment(repo, ScaffoldSource(), PlatformSettings{}, {"qa", "dev", "qa-ns", {}});
  const auto after = applied(repo, plan.changes);
  CHECK(scalar(after, "applications/infrastructure/00-project.yaml",
               {"spec", "destinations", 1u, "namespace"}) == "qa-ns");
  CHECK_FALSE(after.read("applications/infrastructure/00-project-qa.yaml"));
  CHECK(scalar(after, "applications/qa/vsf-miniapp-service-b.yaml", {"spec", "project"}) ==
        "vsf-miniapp");
}

TEST_CASE("add-env refuses bad input and a result validate would reject") {
  const auto repo = platform();
  const PlatformSettings s;
  const ScaffoldSource scaffolds;
  CHECK_THROWS_WITH_AS(plan_add_environment(repo, scaffolds, s, {"dev", "staging", {}, {}}),
                       "environment 'dev' already exists", Error);
  CHECK_THROWS_WITH_AS(plan_add_environment(repo, scaffolds, s, {"QA", "dev", {}, {}}),
                       doctest::Contains("is not a DNS-1123 label"), Error);
  CHECK_THROWS_WITH_AS(plan_add_environment(repo, scaffolds, s, {"qa", "test", {}, {}}),
                       doctest::Contains("unknown environment 'test'"), Error);
  CHECK_THROWS_WITH_AS(plan_add_environment(repo, scaffolds, s, {"qa", "dev", {}, "x"}),
                       doctest::Contains("unknown environment 'x'"), Error);
  CHECK_THROWS_WITH_AS(plan_add_environment(repo, scaffolds, s, {"qa", "dev", "staging", {}}),
                       doctest::Contains("namespace 'staging' is already used"), Error);
  auto narrowed = repo;
  auto root = read(repo, "bootstrap/root-app.yaml");
  root.replace(root.find("app-of-apps-*.yaml"), 18,
               "app-of-apps-dev.yaml,app-of-apps-staging.yaml,app-of-apps-production.yaml");
  narrowed.put("bootstrap/root-app.yaml", root);
  CHECK_THROWS_WITH_AS(plan_add_environment(narrowed, scaffolds, s, {"qa", "dev", {}, {}}),
                       doctest::Contains("would break `gitopsgen validate`: "
                                         "applications/app-of-apps-qa.yaml"),
                       Error);
}
