#include "generators/release/service_list.hpp"

#include <doctest/doctest.h>

#include "generators/services/service_inventory.hpp"

using namespace gitopsgen;

TEST_CASE("a service's language, environments, tags, secrets and ingress come from its files") {
  PlatformSettings settings;
  MemoryWorkspace repo;
  repo.put(value_file_path(settings, "b", "dev"),
           "language: go\nimage:\n  repository: r/b\n  tag: 1.0.0\n");
  repo.put(value_file_path(settings, "a", "production"),
           "language: python\nimage:\n  tag: 2.0.0\ningress:\n  enabled: true\n");
  repo.put(value_file_path(settings, "a", "dev"),
           "language: python\nimage:\n  tag: 2.1.0\nsecretsManager:\n  enabled: true\n"
           "  region: eu-west-1\n  objects:\n    - objectName: dev/a/postgres\n"
           "    - objectName: dev/a/redis\ningress:\n  enabled: false\n");
  const auto rows = list_services(repo, settings);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].service == "a");
  CHECK(rows[0].language == "python");
  CHECK(rows[0].environments == std::vector<std::string>{"dev", "production"});
  CHECK(rows[0].tags == std::vector<std::string>{"2.1.0", "2.0.0"});
  CHECK(rows[0].secrets == std::vector<std::string>{"dev/a/postgres", "dev/a/redis"});
  CHECK(rows[0].secrets_region == "eu-west-1");
  CHECK(rows[0].ingress);
  CHECK(rows[1].service == "b");
  CHECK(rows[1].secrets.empty());
  CHECK_FALSE(rows[1].ingress);
}

TEST_CASE("an empty platform lists nothing; disabled secretsManager counts no secrets") {
  PlatformSettings settings;
  MemoryWorkspace repo;
  CHECK(list_services(repo, settings).empty());
  repo.put(value_file_path(settings, "c", "staging"),
           "secretsManager:\n  enabled: false\n  objects:\n    - objectName: x\n");
  const auto rows = list_services(repo, settings);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].secrets.empty());
  CHECK(rows[0].language.empty());
  CHECK(rows[0].tags == std::vector<std::string>{""});
}

TEST_CASE("the secrets a service reads in some environments, with their regions") {
  PlatformSettings settings;
  MemoryWorkspace repo;
  repo.put(value_file_path(settings, "a", "dev"),
           "secretsManager:\n  enabled: true\n  region: eu-west-1\n  objects:\n"
           "    - objectName: dev/a/db\n");
  repo.put(value_file_path(settings, "a", "staging"),
           "secretsManager:\n  enabled: true\n  objects:\n    - objectName: staging/a/db\n");
  const auto secrets = service_secrets(repo, settings, "a", {"staging", "dev", "production"});
  REQUIRE(secrets.size() == 2);
  CHECK(secrets[0].name == "staging/a/db");
  CHECK(secrets[0].region == "us-east-1");
  CHECK(secrets[1].name == "dev/a/db");
  CHECK(secrets[1].region == "eu-west-1");
}
