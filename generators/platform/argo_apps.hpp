// Reading Argo CD Applications out of a repository, and which files each one deploys.
#pragma once

#include <string>
#include <vector>

#include "generators/platform/findings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// One source of an Application (spec.source or an item of spec.sources).
struct AppSource {
  std::string repo_url;
  std::string path;   // empty for a chart from a Helm repository
  std::string chart;  // set for a chart from a Helm repository
  std::string ref;    // set for a source that only lends its files: `$<ref>/...` value files
  std::string target_revision;
  std::vector<std::string> value_files;
  std::vector<int> value_file_lines;  // the line of each value file
  int path_line = 0;
  bool recurse = false;
  std::string include;
  std::string exclude;
  int line = 0;
};

// An Argo CD Application found in a repository file.
struct AppRecord {
  std::string name;
  std::string project;
  std::string file;
  int line = 0;
  std::string destination_namespace;
  std::vector<AppSource> sources;
};

// An Argo CD AppProject found in a repository file.
struct ProjectRecord {
  std::string name;
  std::string file;
  int line = 0;
  bool locked = false;  // no source repository and no destination: it deploys nothing
};

// Every Application in the YAML files of `repo` (Helm templates skipped), and into `projects`
// when given every AppProject; files that fail to parse are reported in `findings` and skipped.
std::vector<AppRecord> read_applications(const Workspace& repo, Findings& findings,
                                         std::vector<ProjectRecord>* projects = nullptr);

// True when two repository URLs name the same repository (case, trailing '/' and '.git' aside).
bool same_repository(const std::string& a, const std::string& b);

// True when `relative` matches the Argo CD directory glob `pattern` ('{a,b}' alternatives, '*'
// not crossing '/').
bool matches_directory_glob(const std::string& pattern, const std::string& relative);

// The manifest files a directory source deploys from `repo` (path, recursion, include/exclude).
std::vector<std::string> directory_source_files(const Workspace& repo, const AppSource& source);

}  // namespace gitopsgen
