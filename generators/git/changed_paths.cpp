#include "generators/git/changed_paths.hpp"

#include <git2.h>

#include <memory>

#include "generators/error.hpp"

namespace gitopsgen {

std::set<std::string> paths_changed_since(const GitRepo& repo, const std::string& revision) {
  git_object* raw_object = nullptr;
  if (git_revparse_single(&raw_object, repo.raw(), revision.c_str()) != 0)
    throw Error("'" + revision + "' names no commit of this repository (fetch it first?)");
  const std::unique_ptr<git_object, git::Deleter<git_object, git_object_free>> object(raw_object);
  git_object* raw_tree = nullptr;
  if (git_object_peel(&raw_tree, object.get(), GIT_OBJECT_TREE) != 0)
    throw Error("'" + revision + "' names no commit of this repository");
  const git::Tree tree(reinterpret_cast<git_tree*>(raw_tree));
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
  git_diff* raw_diff = nullptr;
  git::check(git_diff_tree_to_workdir_with_index(&raw_diff, repo.raw(), tree.get(), &options),
             "cannot compare the work tree with " + revision);
  const std::unique_ptr<git_diff, git::Deleter<git_diff, git_diff_free>> diff(raw_diff);
  std::set<std::string> paths;
  for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
    const auto* delta = git_diff_get_delta(diff.get(), i);
    if (delta->old_file.path) paths.insert(delta->old_file.path);
    if (delta->new_file.path) paths.insert(delta->new_file.path);
  }
  return paths;
}

}  // namespace gitopsgen
