#include "generators/services/adopt_services.hpp"

#include <doctest/doctest.h>

using namespace gitopsgen;

TEST_CASE("a host's production form: the environment label after its first label removed") {
  CHECK(production_host_of("api.dev.shop.test", "dev", Tier::dev) == "api.shop.test");
  CHECK(production_host_of("api.shop.test", "production", Tier::production) == "api.shop.test");
  CHECK_FALSE(production_host_of("api.shop.test", "dev", Tier::dev));
  CHECK_FALSE(production_host_of("api", "dev", Tier::dev));
}

TEST_CASE("the platform's defaults and each service's answers, read back from its value files") {
  MemoryWorkspace repo;
  PlatformSettings settings;
  settings.platform = "shop";
  settings.environments = {{"dev", "dev"}, {"production", "production"}};
  std::vector<AdoptedInstance> instances;
  for (const char* env : {"dev", "production"}) {
    const std::string e = env;
    const auto host = e == "dev" ? "api.dev.shop.test" : "api.shop.test";
    const auto file = "charts/shop/ci/api-" + e + ".yaml";
    repo.put(file,
             "language: go\nimage:\n  repository: r.example/shop-api\nreplicaCount: 9\n"
             "service:\n  targetPort: 9000\nenv:\n  - name: MODE\n    value: fast\n"
             "serviceAccount:\n  annotations:\n    eks.amazonaws.com/role-arn: "
             "arn:aws:iam::123456789012:role/shop-api-" +
                 e + "\nsecretsManager:\n  region: eu-west-1\n  objects:\n    - objectName: " + e +
                 "/shop/api/db\n      jmesPath:\n        - path: dsn\n"
                 "ingress:\n  hosts:\n    - host: " +
                 host + "\n      paths:\n        - path: /api\n");
    instances.push_back({"api", e, "applications/" + e + "/shop-api.yaml", file});
  }
  AdoptFindings findings;
  const auto values = read_adopted_values(repo, instances, findings);
  infer_service_settings(instances, values, {{"kubernetes-version", "1.33"}}, settings, findings);
  CHECK(findings.gaps.empty());
  CHECK(settings.registry == "r.example");
  CHECK(settings.domain == "shop.test");
  CHECK(settings.region == "eu-west-1");
  CHECK(settings.irsa_role_arn == "arn:aws:iam::123456789012:role/{platform}-{service}-{env}");
  CHECK(settings.tls_issuer.empty());
  CHECK(settings.tls_cert_resolver.empty());
  CHECK(settings.kubernetes_version == "1.33");
  const auto specs = infer_service_specs(instances, values, settings, findings);
  REQUIRE(specs.size() == 1);
  const auto& api = specs[0];
  CHECK(api.language == "go");
  CHECK_FALSE(api.image);  // the default image under the registry
  CHECK(api.port == 9000);
  CHECK(api.path == "/api");
  CHECK_FALSE(api.host);  // api.<domain>: the default
  CHECK(api.replicas == std::map<std::string, int>{{"dev", 9}, {"production", 9}});
  CHECK(api.env == std::vector<std::pair<std::string, std::string>>{{"MODE", "fast"}});
  CHECK(api.secrets == std::vector<SecretSpec>{{"db", {"dsn"}}});
}

TEST_CASE("a value file without its language, or settings the files do not say, are gaps") {
  MemoryWorkspace repo;
  PlatformSettings settings;
  settings.platform = "shop";
  settings.environments = {{"dev", "dev"}};
  repo.put("charts/shop/ci/api-dev.yaml", "image:\n  repository: elsewhere/api\n");
  const std::vector<AdoptedInstance> instances = {
      {"api", "dev", "applications/dev/shop-api.yaml", "charts/shop/ci/api-dev.yaml"}};
  AdoptFindings findings;
  const auto values = read_adopted_values(repo, instances, findings);
  infer_service_settings(instances, values, {}, settings, findings);
  CHECK(infer_service_specs(instances, values, settings, findings).empty());
  // A value file without an ingress host leaves the host to its default.
  repo.put("charts/shop/ci/api-dev.yaml", "language: go\n");
  AdoptFindings plain;
  const auto read = read_adopted_values(repo, instances, plain);
  settings.registry = "r.example";
  const auto specs = infer_service_specs(instances, read, settings, plain);
  REQUIRE(specs.size() == 1);
  CHECK_FALSE(specs[0].host);
  CHECK(plain.gaps.empty());
  std::string all;
  for (const auto& g : findings.gaps) all += g + "\n";
  for (const char* flag : {"--registry", "--domain", "--region", "--irsa-role-arn",
                           "--kubernetes-version", "set language: to one of"})
    CHECK_MESSAGE(all.find(flag) != std::string::npos, flag);
}
