// The app-of-apps tree of a platform: which Application deploys which, the Applications nothing
// reaches, and the Applications that name files the repository lacks.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "generators/platform/argo_apps.hpp"
#include "generators/platform/findings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// A file an Application names that is not in the repository.
struct MissingFile {
  std::string path;  // the repository path, '/'-separated and normalised
  std::string what;  // "path" (a source's directory) or "value file"
  int line = 0;      // the line of the Application's file that names it
};

// The files the sources of `app` that are the repository `repo_url` name and `repo` lacks: a
// source path, a value file under a source path, a `$<ref>/...` value file lent by a `ref:` source
// of this repository. Value files that are URLs, and sources of other repositories, are skipped.
std::vector<MissingFile> missing_files(const Workspace& repo, const std::string& repo_url,
                                       const AppRecord& app);

// One Application of the tree.
struct AppNode {
  // What the Application is in the tree.
  enum class Kind { root, app_of_apps, application };
  AppRecord app;
  std::string id;  // unique in the graph: the name, or name@file:line when the name repeats
  Kind kind = Kind::application;
  bool orphan = false;                // no root reaches it
  std::vector<MissingFile> missing;   // what it names that is not there
  std::vector<std::size_t> children;  // the Applications it deploys (AppGraph::nodes indices)
};

// Every Application of a repository and who deploys whom.
struct AppGraph {
  std::vector<AppNode> nodes;      // in the order of read_applications (file order)
  std::vector<std::size_t> roots;  // the Applications in bootstrap/, applied by hand
  Findings unreadable;             // files skipped because they do not parse
  // Every (parent, child) pair, parents in node order, children in file order.
  std::vector<std::pair<std::size_t, std::size_t>> edges() const;
  // The orphans, in node order.
  std::vector<std::size_t> orphans() const;
  // The Applications with missing files, in node order.
  std::vector<std::size_t> with_missing_files() const;
};

// The graph of `apps` (read from `repo`, whose URL is `repo_url`): the roots are the
// Applications in bootstrap/; an Application deploys the Applications in the files its directory
// sources of this repository pick up (path, `directory.recurse`, include and exclude globs), as
// Argo CD would; an app-of-apps is one that deploys some, or whose directory holds no file yet.
AppGraph app_graph(const Workspace& repo, const std::string& repo_url, std::vector<AppRecord> apps);

// The graph of the Applications in `repo` (unreadable files in AppGraph::unreadable).
AppGraph read_app_graph(const Workspace& repo, const std::string& repo_url);

}  // namespace gitopsgen
