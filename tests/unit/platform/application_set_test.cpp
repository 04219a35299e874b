#include "generators/platform/application_set.hpp"

#include <doctest/doctest.h>

using namespace gitopsgen;

namespace {

std::string evaluated(const std::string& text, const std::string& file) {
  std::string problem;
  const auto out = evaluate_go_template(text, {file}, problem);
  return out ? *out : "ERROR: " + problem;
}

PlatformSettings settings_with_envs(std::vector<Environment> envs) {
  PlatformSettings s;
  s.platform = "p";
  s.environments = std::move(envs);
  return s;
}

}  // namespace

TEST_CASE("the Go template actions gitopsgen writes are evaluated as Argo CD would") {
  const std::string file = "charts/p/ci/web-api-dev.yaml";
  CHECK(evaluated("{{ .path.filename }}", file) == "web-api-dev.yaml");
  CHECK(evaluated("{{.path.path}}/x", file) == "charts/p/ci/x");
  CHECK(evaluated("{{ .path.basename }}", file) == "ci");
  CHECK(evaluated("p-{{ trimSuffix \".yaml\" .path.filename }}", file) == "p-web-api-dev");
  CHECK(evaluated("{{ trimSuffix \"-dev.yaml\" .path.filename }}", file) == "web-api");
  CHECK(evaluated("{{ trimSuffix \"-qa.yaml\" .path.filename }}", file) == "web-api-dev.yaml");
  CHECK(evaluated("{{ trimPrefix \"web-\" .path.filename }}", file) == "api-dev.yaml");
  CHECK(evaluated("{{- .path.filename -}}", file) == "web-api-dev.yaml");
  CHECK(evaluated("no action", file) == "no action");
  // What it does not know it says, never guesses.
  CHECK(evaluated("{{ .path.filename | lower }}", file) ==
        "ERROR: '{{ .path.filename | lower }}' is not an action validate evaluates");
  CHECK(evaluated("{{ .path.segments }}", file).rfind("ERROR: ", 0) == 0);
  CHECK(evaluated("{{ .cluster.name }}", file).rfind("ERROR: ", 0) == 0);
  CHECK(evaluated("{{ trimSuffix \"a\\\"b\" .path.filename }}", file).rfind("ERROR: ", 0) == 0);
  CHECK(evaluated("x {{ .path.filename", file) ==
        "ERROR: 'x {{ .path.filename' has an unclosed '{{'");
}

TEST_CASE("a value file's environment is the longest platform environment its name ends with") {
  const auto s = settings_with_envs({{"dev", "dev"}, {"pre-dev", "pre-dev"}, {"prod", "prod"}});
  const auto name = parse_value_file_path(s, "charts/p/ci/svc-pre-dev.yaml");
  REQUIRE(name);
  CHECK(name->service == "svc");
  CHECK(name->env->name == "pre-dev");
  CHECK(parse_value_file_path(s, "charts/p/ci/svc-dev.yaml")->env->name == "dev");
  CHECK_FALSE(parse_value_file_path(s, "charts/p/ci/old/svc-dev.yaml"));
  CHECK_FALSE(parse_value_file_path(s, "charts/p/ci/svc-dev.yml"));
  CHECK_FALSE(parse_value_file_path(s, "charts/p/ci/-dev.yaml"));
  CHECK_FALSE(parse_value_file_path(s, "charts/p/ci/svc-qa.yaml"));
  CHECK_FALSE(parse_value_file_path(s, "charts/q/ci/svc-dev.yaml"));
}

TEST_CASE("a git files generator takes files as git's pathspecs match them: '*' crosses '/'") {
  MemoryWorkspace repo;
  for (const auto* path :
       {"charts/p/ci/a-dev.yaml", "charts/p/ci/b-dev.yaml", "charts/p/ci/old/c-dev.yaml",
        "charts/p/ci/a-prod.yaml", "charts/p/values.yaml", "x-dev.yaml"})
    repo.put(path, "a: 1\n");
  FilesGenerator g{"https://x/r.git", "HEAD", {"charts/p/ci/*-dev.yaml"}, {}, 1};
  CHECK(generator_files(repo, g) == std::vector<std::string>{"charts/p/ci/a-dev.yaml",
                                                             "charts/p/ci/b-dev.yaml",
                                                             "charts/p/ci/old/c-dev.yaml"});
  g.excludes = {"charts/p/ci/old/*"};
  CHECK(generator_files(repo, g) ==
        std::vector<std::string>{"charts/p/ci/a-dev.yaml", "charts/p/ci/b-dev.yaml"});
  g.paths.push_back("charts/p/ci/a-*");  // a file two globs take is taken once
  CHECK(generator_files(repo, g).size() == 3);
  CHECK(generator_files(repo, {"u", "HEAD", {"nowhere/*.yaml"}, {}, 1}).empty());
}

TEST_CASE("gitopsgen's ApplicationSet generates one Application per value file, read back") {
  const auto s = settings_with_envs({{"dev", "dev-ns"}});
  const auto t = application_set_template(s, "dev");
  CHECK(t.name == "services-dev");
  CHECK(t.path == "applications/dev/applicationset.yaml");
  MemoryWorkspace repo;
  repo.put("charts/p/ci/web-dev.yaml", "a: 1\n");
  repo.put("charts/p/ci/api-dev.yaml", "a: 1\n");
  AppSetRecord set;
  set.name = t.name;
  set.file = t.path;
  set.line = 3;
  set.go_template = true;
  set.generators = {{"https://x/r.git", "HEAD", {t.files_glob}, {}, 5}};
  set.app_template.name = t.app_name;
  set.app_template.project = "p-dev";
  set.app_template.destination_namespace = "dev-ns";
  AppSource source;
  source.path = "charts/p";
  source.value_files = {t.value_file};
  set.app_template.sources = {source};
  Findings findings;
  const auto apps = generate_applications(repo, set, "https://x/r.git", findings);
  CHECK(findings.empty());
  REQUIRE(apps.size() == 2);
  CHECK(apps[0].name == "p-api-dev");
  CHECK(apps[0].sources[0].value_files[0] == "ci/api-dev.yaml");
  CHECK(apps[0].generated_by == "services-dev");
  CHECK(apps[0].generated_from == "charts/p/ci/api-dev.yaml");
  CHECK(apps[1].name == "p-web-dev");
  std::string problem;
  CHECK(evaluate_go_template(t.service, {"charts/p/ci/web-dev.yaml"}, problem) == "web");

  set.go_template = false;
  CHECK(generate_applications(repo, set, "https://x/r.git", findings).empty());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "ApplicationSet services-dev: goTemplate is off, so validate checks none of the "
        "Applications it generates");
  set.go_template = true;
  // A generator of another repository: its files are not these.
  set.generators.push_back({"https://x/other.git", "HEAD", {t.files_glob}, {}, 9});
  CHECK(generate_applications(repo, set, "https://X/r", findings).size() == 2);
  CHECK(findings.back().line == 9);
  CHECK(findings.back().message ==
        "ApplicationSet services-dev: a generator reads 'https://x/other.git', not this "
        "repository, so validate checks none of the Applications it generates from there");
  CHECK(generate_applications(repo, set, "", findings).size() == 4);  // unknown: all read here
  set.generators.pop_back();
  set.other_generators = 1;
  CHECK(generate_applications(repo, set, "https://x/r.git", findings).empty());
  CHECK(findings.back().message.find("generators other than git files") != std::string::npos);
}
