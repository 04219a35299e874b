// Telling the user which AWS Secrets Manager secrets to create: keys only, never values.
#pragma once

#include <string>
#include <vector>

#include "generators/services/add_service.hpp"
#include "generators/yaml/json_value.hpp"

namespace gitopsgen::cli {

// The `aws secretsmanager create-secret` commands for `secrets`, with their JSON keys and empty
// values, under a heading; "" when there are none.
std::string secret_commands(const std::vector<SecretInstruction>& secrets);

// `secrets` as an array of {"name", "region", "role" (null when none), "keys"}.
JsonValue secrets_value(const std::vector<SecretInstruction>& secrets);

}  // namespace gitopsgen::cli
