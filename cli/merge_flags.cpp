#include "cli/merge_flags.hpp"

#include <map>
#include <set>

#include "generators/error.hpp"

namespace gitopsgen::cli {

void add_merge_options(CLI::App& app, MergeOptions& options) {
  app.add_option("--take-new", options.take_new,
                 "Where FILE cannot be merged, write the new output over it, dropping its hand "
                 "edits (repeatable; a path in the repository)")
      ->type_name("FILE");
  app.add_option("--keep-file", options.keep_file,
                 "Where FILE cannot be merged, keep it as it is and decline the new output "
                 "(repeatable)")
      ->type_name("FILE");
}

RegenerationOptions regeneration_options(const MergeOptions& options, const GitRepo* repo) {
  RegenerationOptions out;
  for (const auto& path : options.take_new) {
    require_repository_path(path);
    out.take_new.insert(path);
  }
  for (const auto& path : options.keep_file) {
    require_repository_path(path);
    if (out.take_new.count(path))
      throw UsageError("--take-new and --keep-file both name " + path + ": give one");
    out.keep_file.insert(path);
  }
  if (repo) {
    out.blobs = [repo](const std::string& id) { return repo->read_blob(id); };
    out.checked_later = [repo](const std::string& path) {
      return repo->has_local_change_or_link(path);
    };
  }
  out.version = GITOPSGEN_VERSION;
  return out;
}

std::string outcome_lines(const FileReports& files) {
  std::map<std::string, std::string> by_outcome;
  for (const auto& f : files) {
    if (f.outcome == FileOutcome::unchanged || f.outcome == FileOutcome::created ||
        f.outcome == FileOutcome::updated || f.outcome == FileOutcome::removed)
      continue;
    auto& line = by_outcome[outcome_name(f.outcome)];
    line += (line.empty() ? "" : ", ") + f.path;
  }
  std::string out;
  for (const auto& [outcome, paths] : by_outcome)
    out += "\n" + outcome + (outcome == "merged" ? " with hand edits: " : " as edited: ") + paths;
  return out;
}

JsonValue files_value(const FileReports& files) {
  auto out = JsonValue::array();
  for (const auto& f : files) {
    if (f.outcome == FileOutcome::unchanged) continue;
    out.push(JsonValue::object().add("path", f.path).add("outcome", outcome_name(f.outcome)));
  }
  return out;
}

}  // namespace gitopsgen::cli
