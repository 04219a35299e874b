// `set`, `unset` and `get` of any value of a service's value file, by dotted key path.
#pragma once

#include <yaml-cpp/yaml.h>

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
  bool force_key = false;                // --force-key: set keys the chart's schema does not know
};

// What `unset` asks for.
struct UnsetValuesRequest {
  std::string service;
  std::vector<std::string> envs;  // empty with all_envs
  bool all_envs = false;          // every environment the service is deployed in
  std::vector<std::string> keys;  // dotted paths, or env.NAME
};

// One value of one value file going from `before` to `after` (nothing: absent, or removed).
struct ValueEdit {
  std::string service;
  std::string env;
  std::string key;
  std::optional<std::string> before;
  std::optional<std::string> after;
};

// A `set` or `unset`: the edits made and, in `release`, the change and the commit message.
struct SetValuesPlan {
  ReleasePlan release;
  std::vector<ValueEdit> edits;
};

// Sets every KEY=VALUE in the service's value file of each environment asked for, byte-exact; a
// VALUE YAML reads as an integer, float, true/false or null is written plain unless
// `force_string`; `env.NAME=VALUE` sets (or adds) the env entry NAME, always a string; unless
// `force_key`, a key or type the chart's values.schema.json refuses is refused; throws Error (one
// line) on an unknown service or environment, a malformed assignment, a key path that cannot be
// set (a list index past the end included).
SetValuesPlan plan_set_values(const Workspace& repo, const PlatformSettings& settings,
                              const SetValuesRequest& request);

// Removes every key (or env.NAME entry) from the service's value file of each environment asked
// for, byte-exact (yaml_remove_node); a key already absent is no edit; throws Error as
// plan_set_values does.
SetValuesPlan plan_unset_values(const Workspace& repo, const PlatformSettings& settings,
                                const UnsetValuesRequest& request);

// The node at dotted `key` (env.NAME: that entry's value) of the service's value file in `env`,
// or the whole file's root without `key`; throws Error when there is none.
YAML::Node get_value_node(const Workspace& repo, const PlatformSettings& settings,
                          const std::string& service, const std::string& env,
                          const std::optional<std::string>& key);

// The value at dotted `key` of the service's value file in `env` (a scalar as its text, a mapping
// or sequence as YAML), or the whole file's bytes without `key`; throws Error when there is none.
std::string get_value(const Workspace& repo, const PlatformSettings& settings,
                      const std::string& service, const std::string& env,
                      const std::optional<std::string>& key);

}  // namespace gitopsgen
