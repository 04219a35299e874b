// The flags of the commands that generate files again, and how their merges are reported.
#pragma once

#include <string>
#include <vector>

#include "cli/app.hpp"
#include "generators/change/regeneration.hpp"
#include "generators/git/git_repo.hpp"
#include "generators/yaml/json_value.hpp"

namespace gitopsgen::cli {

// `--take-new FILE` and `--keep-file FILE` as given (repository-relative paths, repeatable).
struct MergeOptions {
  std::vector<std::string> take_new, keep_file;
};

// Registers --take-new and --keep-file on `app`.
void add_merge_options(CLI::App& app, MergeOptions& options);

// The regeneration `options` ask for, reading bases from `repo` (null: base copies only);
// throws UsageError on a path given to both flags or not a clean repository path.
RegenerationOptions regeneration_options(const MergeOptions& options, const GitRepo* repo);

// The files each outcome but `unchanged` reached, for text: "merged: a, b" lines, or "".
std::string outcome_lines(const FileReports& files);

// `files` as JSON: {path, outcome} for each file whose outcome is not `unchanged`.
JsonValue files_value(const FileReports& files);

}  // namespace gitopsgen::cli
