// Key paths of `set`, `unset` and `get`: parsing them, finding a service's value files, and the
// `env.NAME` form that names the container's env list entry by its name.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"
#include "generators/yaml/yaml_node_edit.hpp"

namespace gitopsgen {

// `key` split on dots, all-digit parts read as sequence indices; throws UsageError on an empty
// part.
YamlNodePath parse_key(const std::string& key);

// The environments a `set`/`unset` run edits: `envs`, or with `all_envs` every environment the
// service is deployed in; throws UsageError for both or neither, Error when it is deployed nowhere.
std::vector<std::string> environments_to_edit(const Workspace& repo,
                                              const PlatformSettings& settings,
                                              const std::string& service,
                                              const std::vector<std::string>& envs, bool all_envs);

// The service's value file in `env`: its path and bytes; throws Error when it has none.
std::pair<std::string, std::string> service_value_file(const Workspace& repo,
                                                       const PlatformSettings& settings,
                                                       const std::string& service,
                                                       const std::string& env);

// The NAME of a key path `env.NAME` (NAME not a number), or nothing for any other path.
std::optional<std::string> env_entry_name(const YamlNodePath& path);

// The index of the item of the value file's `env` list whose `name` is `name`, or nothing when
// there is none; throws Error when the text does not parse or two items have that name.
std::optional<std::size_t> env_entry_index(const std::string& text, const std::string& name);

// `path` with `env.NAME` replaced by the path of that entry's `value` (`env.3.value`), or `path`
// itself for any other key; nothing when the entry is missing.
std::optional<YamlNodePath> resolve_env_key(const std::string& text, const YamlNodePath& path);

}  // namespace gitopsgen
