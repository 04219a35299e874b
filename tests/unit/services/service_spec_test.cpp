#include "generators/services/service_spec.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

TEST_CASE("--secret parses into a name and its keys") {
  const auto s = parse_secret_flag("database:url,username,password");
  CHECK(s.name == "database");
  CHECK(s.keys == std::vector<std::string>{"url", "username", "password"});
  CHECK_THROWS_AS(parse_secret_flag("database"), Error);
  CHECK_THROWS_AS(parse_secret_flag("database:"), Error);
  CHECK_THROWS_AS(parse_secret_flag("Data:url"), Error);
  CHECK_THROWS_AS(parse_secret_flag("db:url,url"), Error);
}

TEST_CASE("image references: strict, except under the platform's own registry") {
  validate_image_repository("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api", "r.example");
  validate_image_repository("localhost:5000/a/b", "r.example");
  validate_image_repository("nginx", "r.example");
  validate_image_repository("YOUR_ECR_REGISTRY/vsf-miniapp-x", "YOUR_ECR_REGISTRY");
  CHECK_THROWS_AS(validate_image_repository("YOUR_ECR_REGISTRY/vsf-miniapp-x", "r.example"), Error);
  CHECK_THROWS_AS(validate_image_repository("YOUR_ECR_REGISTRY/UPPER", "YOUR_ECR_REGISTRY"), Error);
  CHECK_THROWS_AS(validate_image_repository("r.example/a:1.0", "r.example"), Error);
  CHECK_THROWS_AS(validate_image_repository("r.example/a@sha256:00", "r.example"), Error);
  CHECK_THROWS_AS(validate_image_repository("", "r.example"), Error);
  // Without '.', ':' or localhost the first component is a path, so it must be lowercase.
  CHECK_THROWS_AS(validate_image_repository("UP/per", "r.example"), Error);
  validate_image_repository("My.Registry.example:5000/team/app", "r.example");
}

TEST_CASE("tags, hosts, paths, ports, replicas, env") {
  for (const char* tag : {"1.0.0", "1.10", "v2", "latest", "012", "yes", "a_b-c.d"})
    validate_image_tag(tag);
  // std::string elements: a .c_str() of a temporary would dangle once the list is built.
  for (const std::string& tag : {std::string(), std::string("-x"), std::string(".x"),
                                 std::string("a b"), std::string("a:b"), std::string(129, 'a')})
    CHECK_THROWS_AS(validate_image_tag(tag), Error);
  validate_host("service-a.vsf-miniapp.com");
  CHECK_THROWS_AS(validate_host("a_b.com"), Error);
  validate_ingress_path("/api/v1/x");
  CHECK_THROWS_AS(validate_ingress_path("api"), Error);
  CHECK_THROWS_AS(validate_ingress_path("/a`b"), Error);
  // No `.` or `..` segment, wherever it stands (fuzz_names found "/.//" when its reference lacked
  // the rule); dots inside a segment are fine.
  for (const char* bad : {"/.", "/..", "/.//", "/a/./b", "/a/../b", "/a/.."})
    CHECK_THROWS_WITH_AS(validate_ingress_path(bad), doctest::Contains("'.' or '..' segment"),
                         Error);
  for (const char* fine : {"/.well-known", "/a/...", "/a.b/c..d", "//", "/a//b"})
    CHECK_NOTHROW(validate_ingress_path(fine));
  CHECK(parse_bounded_int("port", "8080", 65535) == 8080);
  CHECK_THROWS_AS(parse_bounded_int("port", "-1", 65535), Error);
  CHECK_THROWS_AS(parse_bounded_int("port", "99999999999", 65535), Error);
  std::map<std::string, int> replicas;
  parse_replicas_flag("production=5", replicas);
  CHECK(replicas["production"] == 5);
  std::vector<std::pair<std::string, std::string>> env;
  parse_env_flag("A=1", env);
  parse_env_flag("A=a=b", env);
  REQUIRE(env.size() == 1);
  CHECK(env[0].second == "a=b");
  CHECK_THROWS_AS(parse_env_flag("A=x\ny", env), Error);
}

TEST_CASE("tags per environment: parsed, merged by name, left out of the record") {
  ServiceSpec spec;
  parse_tag_flag("2.0.0", spec);
  parse_tag_flag("production=1.9.0", spec);
  parse_tag_flag("dev=a=b", spec);  // not a valid tag: validate_service_spec refuses it
  CHECK(spec.tag == "2.0.0");
  CHECK(spec.tags == std::map<std::string, std::string>{{"dev", "a=b"}, {"production", "1.9.0"}});
  CHECK_THROWS_AS(parse_tag_flag("=1.0", spec), UsageError);
  const auto file =
      service_spec_from_yaml("name: svc\nlanguage: go\ntags:\n  staging: \"1.10\"\n", "s.yaml");
  CHECK(file.tags.at("staging") == "1.10");
  CHECK_THROWS_WITH_AS(service_spec_from_yaml("name: svc\ntags: [1]\n", "s.yaml"),
                       doctest::Contains("s.yaml:2: 'tags' must map ENV: TAG"), Error);
  auto named = file;
  named.replicas["qa"] = 2;
  CHECK_FALSE(unchosen_environment(file, {"dev", "staging"}));
  const auto unchosen = unchosen_environment(file, {"dev"});
  REQUIRE(unchosen);
  CHECK(unchosen->field == "tags");
  CHECK(unchosen->env == "staging");
  CHECK(unchosen_environment(named, {"dev", "staging"})->field == "replicas");
  const auto merged = overlay_spec(file, spec);
  CHECK(merged.tags.size() == 3);
  CHECK(merged.tags.at("staging") == "1.10");
  CHECK(spec_inputs(merged).find("tags") == std::string::npos);
  CHECK_THROWS_AS(
      spec_from_inputs("{\"name\":\"a\",\"language\":\"go\",\"tags\":{\"dev\":\"1\"}}", "r"),
      Error);
}

TEST_CASE("a spec file names the line of each mistake") {
  const auto spec = service_spec_from_yaml(
      "name: svc\nlanguage: go\ntag: \"1.10\"\nsecrets:\n  - name: db\n    keys: "
      "[dsn]\nreplicas:\n  production: 4\n",
      "s.yaml");
  CHECK(spec.tag == "1.10");
  CHECK(spec.secrets == std::vector<SecretSpec>{{"db", {"dsn"}}});
  CHECK(spec.replicas.at("production") == 4);
  CHECK_THROWS_WITH_AS(service_spec_from_yaml("name: svc\nbogus: 1\n", "s.yaml"),
                       doctest::Contains("s.yaml:2: unknown field 'bogus'"), Error);
  CHECK_THROWS_WITH_AS(service_spec_from_yaml("name: svc\nreplicas:\n  dev: 0\n", "s.yaml"),
                       doctest::Contains("s.yaml:3"), Error);
}

TEST_CASE("fuzz_names: values of 300,000 characters are refused, not a stack overflow") {
  // Found by tests/fuzz/fuzz_names (corpus/fuzz_names/crash-regex-stack-overflow-long-path):
  // std::regex recursed once per character and overflowed the stack.
  const std::string a(300'000, 'a');
  CHECK_THROWS_WITH_AS(validate_ingress_path("/" + a),
                       "ingress path has 300001 characters, more than the 1024 allowed", Error);
  CHECK_THROWS_WITH_AS(validate_image_repository(a, "YOUR_ECR_REGISTRY"),
                       "image repository has 300000 characters, more than the 255 allowed", Error);
  CHECK_THROWS_WITH_AS(validate_image_repository("YOUR_ECR_REGISTRY/" + a, "YOUR_ECR_REGISTRY"),
                       doctest::Contains("more than the 255 allowed"), Error);
  CHECK_THROWS_AS(validate_secret({a, {"k"}}), Error);
  CHECK_THROWS_WITH_AS(validate_secret({"db", {a}}),
                       doctest::Contains("a secret key of 'db' has 300000 characters"), Error);
  CHECK_THROWS_WITH_AS(validate_env_var(a, "v"), doctest::Contains("more than the 253 allowed"),
                       Error);
  CHECK_THROWS_AS(validate_image_tag(a), Error);
  CHECK_NOTHROW(validate_ingress_path("/" + std::string(1023, 'a')));
  CHECK_NOTHROW(
      validate_image_repository("YOUR_ECR_REGISTRY/" + std::string(200, 'a'), "YOUR_ECR_REGISTRY"));
}

TEST_CASE("a key that is a list or a mapping is refused with its line, not a yaml-cpp error") {
  // Found reviewing what fuzz_services_spec reaches (corpus/fuzz_services_spec/regression-*):
  // yaml-cpp's bad-conversion exception escaped as "internal error".
  CHECK_THROWS_WITH_AS(service_spec_from_yaml("? [a]\n: b\nname: x\n", "s.yaml"),
                       "s.yaml:1: a key must be a string", Error);
  CHECK_THROWS_WITH_AS(service_spec_from_yaml("name: x\nreplicas: {[a]: 1}\n", "s.yaml"),
                       doctest::Contains("s.yaml:2"), Error);
  CHECK_THROWS_WITH_AS(service_spec_from_yaml("name: x\nenv:\n  ? {b: c}\n  : d\n", "s.yaml"),
                       doctest::Contains("a key must be a string"), Error);
}
