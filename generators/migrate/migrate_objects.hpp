// Internal to `migrate`: the Argo CD objects of a repository, located for byte-exact edits.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <vector>

#include "generators/changeset.hpp"
#include "generators/workspace.hpp"
#include "generators/yaml/yaml_node_edit.hpp"

namespace gitopsgen {

// An Argo CD Application, ApplicationSet or AppProject in a repository file.
struct ArgoObject {
  std::string file;
  std::size_t document = 0;  // which YAML document of the file holds it
  std::string kind;          // "Application", "ApplicationSet" or "AppProject"
  std::string name;
  YAML::Node node;
};

// Every Application, ApplicationSet and AppProject in the YAML files of `repo` (Helm templates
// skipped), in file order; throws Error naming a YAML file that does not parse.
std::vector<ArgoObject> read_argo_objects(const Workspace& repo);

// One source of an Application: where it sits in the document and what it holds.
struct SourceAt {
  YamlNodePath path;  // {"spec", "source"} or {"spec", "sources", i}
  YAML::Node node;
};

// The sources of Application `app` (an ApplicationSet: of its template): spec.source, then each
// item of spec.sources.
std::vector<SourceAt> application_sources(const ArgoObject& app);

// The git generators of ApplicationSet `set` (`repoURL`, `revision`, `files` or `directories`);
// nothing for another kind.
std::vector<SourceAt> git_generators(const ArgoObject& set);

// The value of `key` in `node`, or an undefined node when `node` is no mapping or lacks it
// (yaml-cpp throws when indexing through a missing key).
YAML::Node child(const YAML::Node& node, const std::string& key);

// The scalar at `key` of `node` as text, or "" when absent or not a scalar.
std::string scalar_of(const YAML::Node& node, const std::string& key);

// A repository path as Argo CD reads it: without leading `./` and trailing `/`.
std::string normal_path(std::string path);

// `base` followed by `more`.
YamlNodePath node_path(YamlNodePath base, const YamlNodePath& more);

// Sets the scalar at `path` of `object` in the file as `changes` will leave it; throws Error
// (naming the file) when the edit cannot be made or the object is not its file's first document.
void set_in_object(ChangeSet& changes, const ArgoObject& object, const YamlNodePath& path,
                   const std::string& value);

// Moves the file at `from` to `to` in `changes` with the bytes `changes` gives it so far; throws
// Error when `to` already holds a file.
void move_file(ChangeSet& changes, const std::string& from, const std::string& to);

// Throws Error naming the first problem when `changes` would make a repository that passes
// `gitopsgen validate` (without --render) fail it; a repository already failing is not judged.
void require_still_valid(const Workspace& repo, const ChangeSet& changes);

}  // namespace gitopsgen
