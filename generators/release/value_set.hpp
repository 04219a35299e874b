// `set` and `get` of any value of a service's value file, by dotted key path.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generators/release/release.hpp"

namespace gitopsgen {

// What `set` asks for.
struct SetValuesRequest {
  std::string service;
  std::vector<std::string> envs;         // empty with all_envs
  bool all_envs = false;                 // every environment the service is deployed in
  std::vector<std::string> assignments;  // KEY=VALUE, KEY a dotted path (`a.b.0.c`)
  bool force_string = false;             // --string: every VALUE is written as a string
};

// One value of one value file going from `before` (nothing when absent) to `after`.
struct ValueEdit {
  std::string service;
  std::string env;
  std::string key;
  std::optional<std::string> before;
  std::string after;
};

// A `set`: the edits made and, in `release`, the change and the commit message.
struct SetValuesPlan {
  ReleasePlan release;
  std::vector<ValueEdit> edits;
};

// Sets every KEY=VALUE in the service's value file of each environment asked for, byte-exact; a
// VALUE YAML reads as an integer, float, true/false or null is written plain unless
// `force_string`; throws Error (one line) on an unknown service or environment, a malformed
// assignment, a key path that cannot be set (a list index past the end included).
SetValuesPlan plan_set_values(const Workspace& repo, const PlatformSettings& settings,
                              const SetValuesRequest& request);

// The value at dotted `key` of the service's value file in `env` (a scalar as its text, a mapping
// or sequence as YAML), or the whole file without `key`; throws Error when there is none.
std::string get_value(const Workspace& repo, const PlatformSettings& settings,
                      const std::string& service, const std::string& env,
                      const std::optional<std::string>& key);

}  // namespace gitopsgen
