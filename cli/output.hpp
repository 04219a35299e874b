// Printing a command's result as text or JSON.
#pragma once

#include <string>

#include "cli/app.hpp"
#include "generators/change/apply_changes.hpp"

namespace gitopsgen::cli {

// `text` as a JSON string literal.
std::string json_string(const std::string& text);

// `summary` followed by ", commit <short id>" when `result` made a commit.
std::string with_commit(const std::string& summary, const ApplyResult& result);

// `items` joined by `separator`.
std::string join(const std::vector<std::string>& items, const std::string& separator);

// Reports `result` of `command`: the diff on a dry run, otherwise `summary` (text) or a JSON
// object with the files, the commit id and the members in `extra_json` ("\"key\":value,...").
void print_apply_result(const GlobalOptions& g, Streams io, const std::string& command,
                        const ApplyResult& result, const std::string& summary,
                        const std::string& extra_json = "");

// The ApplyOptions the global options ask for.
ApplyOptions apply_options(const GlobalOptions& g);

// The directory a command works in: DIR relative to -C.
std::filesystem::path resolve_directory(const GlobalOptions& g, const std::string& dir = ".");

}  // namespace gitopsgen::cli
