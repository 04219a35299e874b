#include "generators/services/service_values.hpp"

#include <doctest/doctest.h>

using namespace gitopsgen;

TEST_CASE("secret aliases and variables follow the guide") {
  CHECK(secret_alias("database", "url") == "database-url");
  CHECK(secret_env_key("database", "url") == "DATABASE_URL");
  CHECK(secret_alias("mongodb", "connectionString") == "mongodb-connection-string");
  CHECK(secret_env_key("mongodb", "connectionString") == "MONGODB_CONNECTION_STRING");
  CHECK(secret_env_key("my-cache", "auth_token") == "MY_CACHE_AUTH_TOKEN");
}

TEST_CASE("tiers: last is production, first dev, the rest staging") {
  CHECK(tier_of(0, 3) == Tier::dev);
  CHECK(tier_of(1, 3) == Tier::staging);
  CHECK(tier_of(2, 3) == Tier::production);
  CHECK(tier_of(0, 1) == Tier::production);
  CHECK(tier_of(0, 2) == Tier::dev);
}

TEST_CASE("a service resolves per environment from the preset and the platform") {
  PlatformSettings settings;
  ServiceSpec spec;
  spec.name = "service-a";
  spec.language = "java";
  spec.secrets = {{"database", {"url"}}};
  const auto prod =
      resolve_service(settings, spec, {"production", "production"}, Tier::production, std::nullopt);
  CHECK(prod.image_repository == "YOUR_ECR_REGISTRY/vsf-miniapp-service-a");
  CHECK(prod.image_tag == "1.0.0");
  CHECK(prod.replicas == 5);
  CHECK(prod.port == 8080);
  CHECK(prod.host == "service-a.vsf-miniapp.com");
  CHECK(prod.path == "/api/v1/service-a");
  CHECK(prod.secrets.at(0).object_name == "production/vsf-miniapp/service-a/database");
  const auto dev =
      resolve_service(settings, spec, {"dev", "dev-ns"}, Tier::dev, std::string("2.0.0"));
  CHECK(dev.replicas == 1);
  CHECK(dev.host == "service-a.dev.vsf-miniapp.com");
  CHECK(dev.image_tag == "2.0.0");  // kept on update
  bool profile = false;
  for (const auto& v : dev.env_vars)
    profile |= v.name == "SPRING_PROFILES_ACTIVE" && v.value == "dev";
  CHECK(profile);
}
