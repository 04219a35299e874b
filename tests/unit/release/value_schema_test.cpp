#include "generators/release/value_schema.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"
#include "generators/release/value_paths.hpp"

using namespace gitopsgen;

namespace {
const char* kSchema = R"({
  "type": "object", "additionalProperties": false,
  "definitions": {"port": {"type": "integer"}},
  "properties": {
    "replicaCount": {"type": "integer"},
    "image": {"type": "object", "additionalProperties": false,
              "properties": {"tag": {"type": "string"}, "pullPolicy": {"enum": ["Always", "IfNotPresent"]}}},
    "service": {"type": "object", "properties": {"port": {"$ref": "#/definitions/port"}}},
    "podAnnotations": {"type": "object", "additionalProperties": {"type": "string"}},
    "env": {"type": "array", "items": {"type": "object", "properties": {"value": {"type": "string"}}}},
    "resources": {"type": "object"},
    "minAvailable": {"anyOf": [{"type": "integer"}, {"type": "string"}]}
  }})";

void check(const char* key, const std::string& value, std::optional<std::string> token) {
  const ValueSchema schema(YAML::Load(kSchema), "values.schema.json");
  const auto path = parse_key(key);
  schema.check(key, path, value, token);
}
}  // namespace

TEST_CASE("known keys with the types the schema gives pass; free-form maps take anything") {
  CHECK_NOTHROW(check("replicaCount", "3", "3"));
  CHECK_NOTHROW(check("image.tag", "1.10", std::nullopt));
  CHECK_NOTHROW(check("image.pullPolicy", "Always", std::nullopt));
  CHECK_NOTHROW(check("service.port", "8080", "8080"));
  CHECK_NOTHROW(check("podAnnotations.anything", "x", std::nullopt));
  CHECK_NOTHROW(check("resources.limits.memory", "2Gi", std::nullopt));
  CHECK_NOTHROW(check("env.0.value", "x", std::nullopt));
  CHECK_NOTHROW(check("minAvailable", "50%", std::nullopt));
  CHECK_NOTHROW(check("minAvailable", "1", "1"));
}

TEST_CASE("an unknown key, a wrong type or a value outside the enum is refused, naming it") {
  CHECK_THROWS_WITH_AS(check("replicaCont", "3", "3"), doctest::Contains("replicaCont"), Error);
  CHECK_THROWS_WITH_AS(check("replicaCont", "3", "3"), doctest::Contains("--force-key"), Error);
  CHECK_THROWS_WITH_AS(check("image.tagg", "x", std::nullopt), doctest::Contains("image.tagg"),
                       Error);
  CHECK_THROWS_WITH_AS(check("replicaCount", "three", std::nullopt),
                       doctest::Contains("takes integer, not the string"), Error);
  CHECK_THROWS_WITH_AS(check("image.tag", "1.10", "1.10"), doctest::Contains("--string"), Error);
  CHECK_THROWS_WITH_AS(check("service.port", "http", std::nullopt), doctest::Contains("integer"),
                       Error);
  CHECK_THROWS_WITH_AS(check("podAnnotations.build", "3", "3"), doctest::Contains("string"), Error);
  CHECK_THROWS_WITH_AS(check("env.0.value", "7", "7"), doctest::Contains("env.0.value"), Error);
  CHECK_THROWS_WITH_AS(check("image.pullPolicy", "Sometimes", std::nullopt),
                       doctest::Contains("one of Always, IfNotPresent"), Error);
}
