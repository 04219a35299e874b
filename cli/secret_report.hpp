// Telling the user which AWS Secrets Manager secrets to create: keys only, never values.
#pragma once

#include <string>
#include <vector>

#include "generators/services/add_service.hpp"

namespace gitopsgen::cli {

// The `aws secretsmanager create-secret` commands for `secrets`, with their JSON keys and empty
// values, under a heading; "" when there are none.
std::string secret_commands(const std::vector<SecretInstruction>& secrets);

// The JSON member `"secrets":[{"name","region","keys"}…]` for `secrets`.
std::string secrets_json(const std::vector<SecretInstruction>& secrets);

}  // namespace gitopsgen::cli
