// How `set` and `unset` report the values they edit, in text and JSON.
#pragma once

#include <string>
#include <vector>

#include "generators/release/value_set.hpp"
#include "generators/yaml/json_value.hpp"

namespace gitopsgen::cli {

// `title` and a line per edit: `  ENV: KEY OLD → NEW`.
std::string value_edits_text(const std::string& title, const std::vector<ValueEdit>& edits);

// The edits as a JSON array of {service, env, key, from, to} (null for absent or removed).
JsonValue value_edits_json(const std::vector<ValueEdit>& edits);

}  // namespace gitopsgen::cli
