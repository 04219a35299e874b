// Printing a command's result as text, JSON or YAML.
#pragma once

#include <string>

#include "cli/app.hpp"
#include "generators/change/apply_changes.hpp"
#include "generators/yaml/json_value.hpp"

namespace gitopsgen::cli {

// Writes `value` (an object with "command") to `io.out` as one line of JSON or, with -o yaml, as
// a YAML document holding the same data.
void print_value(const GlobalOptions& g, Streams io, const JsonValue& value);

// `summary` followed by ", commit <short id>" when `result` made a commit.
std::string with_commit(const std::string& summary, const ApplyResult& result);

// The width of each column of `table` (rows of cells): its widest cell, in bytes.
std::vector<std::size_t> column_widths(const std::vector<std::vector<std::string>>& table);

// `items` joined by `separator`.
std::string join(const std::vector<std::string>& items, const std::string& separator);

// Reports `result` of `command`: the diff on a dry run, otherwise `summary` (text), or with -o
// json|yaml an object with the files, the commit id, the diff and then the members of `extra`.
void print_apply_result(const GlobalOptions& g, Streams io, const std::string& command,
                        const ApplyResult& result, const std::string& summary,
                        const JsonValue& extra = JsonValue::object());

// The ApplyOptions the global options ask for.
ApplyOptions apply_options(const GlobalOptions& g);

// The directory a command works in: DIR relative to -C.
std::filesystem::path resolve_directory(const GlobalOptions& g, const std::string& dir = ".");

}  // namespace gitopsgen::cli
