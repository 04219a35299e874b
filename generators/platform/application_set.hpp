// ApplicationSets: the one gitopsgen writes per environment in the applicationset layout, and the
// Applications an ApplicationSet's git files generator makes from a repository's files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generators/platform/argo_apps.hpp"
#include "generators/platform/findings.hpp"
#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// A service's value file for one environment, named `<service>-<env>.yaml` in the chart's ci/.
struct ValueFileName {
  std::string service;
  const Environment* env = nullptr;  // in settings.environments
};

// What the repository path `path` is as a value file of `settings`' chart: its environment is the
// longest platform environment its name ends with; nothing for a path that is no value file.
std::optional<ValueFileName> parse_value_file_path(const PlatformSettings& settings,
                                                   const std::string& path);

// What gitopsgen's ApplicationSet of one environment is made of.
struct ApplicationSetTemplate {
  std::string name;        // `services-<env>`
  std::string path;        // `applications/<env>/applicationset.yaml`
  std::string files_glob;  // `charts/<platform>/ci/*-<env>.yaml`: the environment's value files
  std::string app_name;  // the Go template of the Application's name, `<platform>-<service>-<env>`
  std::string service;   // the Go template of the service's name
  std::string value_file;  // the Go template of the value file, relative to the chart
};

// The ApplicationSet of environment `env` in the applicationset layout.
ApplicationSetTemplate application_set_template(const PlatformSettings& settings,
                                                const std::string& env);

// The parameters a git files generator gives a template for one file it takes.
struct GitFileParams {
  std::string file;  // the file's repository path
};

// `text` with each `{{ … }}` action evaluated for `params`, as Argo CD's goTemplate would; the
// actions understood are `.path.path`, `.path.basename`, `.path.filename` and `trimSuffix` or
// `trimPrefix` of a quoted string and one of those. Any other action: nothing, and `problem` says
// which.
std::optional<std::string> evaluate_go_template(const std::string& text,
                                                const GitFileParams& params, std::string& problem);

// The files of `repo` that `generator` takes, sorted: those a path glob matches and no exclude
// glob does, '*' crossing '/' as in Argo CD's default globbing (git's pathspecs).
std::vector<std::string> generator_files(const Workspace& repo, const FilesGenerator& generator);

// The Applications `set` generates from the files of `repo`, in file order; nothing, and a
// warning in `findings`, for a set whose template or generators validate cannot evaluate. A
// generator that reads a repository other than `repo_url` (the platform's; empty when not known,
// and then every generator is taken to read `repo`) generates nothing here, with a warning: its
// files are not in `repo`.
std::vector<AppRecord> generate_applications(const Workspace& repo, const AppSetRecord& set,
                                             const std::string& repo_url, Findings& findings);

}  // namespace gitopsgen
