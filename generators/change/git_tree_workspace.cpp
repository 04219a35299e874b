#include "generators/change/git_tree_workspace.hpp"

#include <algorithm>

namespace gitopsgen {
namespace {

using TreeEntry =
    std::unique_ptr<git_tree_entry, git::Deleter<git_tree_entry, git_tree_entry_free>>;
using Blob = std::unique_ptr<git_blob, git::Deleter<git_blob, git_blob_free>>;

TreeEntry entry_at(git_tree* tree, const std::string& path) {
  git_tree_entry* raw = nullptr;
  if (path.empty() || git_tree_entry_bypath(&raw, tree, path.c_str()) != 0) return nullptr;
  return TreeEntry(raw);
}

}  // namespace

GitTreeWorkspace::GitTreeWorkspace(git_repository* repo, const git_oid& commit) : repo_(repo) {
  git_commit* raw_commit = nullptr;
  git::check(git_commit_lookup(&raw_commit, repo, &commit), "cannot read commit");
  git::Commit owned(raw_commit);
  git_tree* raw_tree = nullptr;
  git::check(git_commit_tree(&raw_tree, owned.get()), "cannot read a commit's tree");
  tree_.reset(raw_tree);
}

std::optional<git_oid> GitTreeWorkspace::blob_id(const std::string& path) const {
  const auto entry = entry_at(tree_.get(), path);
  if (!entry || git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::nullopt;
  return *git_tree_entry_id(entry.get());
}

std::optional<std::string> GitTreeWorkspace::read(const std::string& path) const {
  const auto id = blob_id(path);
  if (!id) return std::nullopt;
  git_blob* raw = nullptr;
  git::check(git_blob_lookup(&raw, repo_, &*id), "cannot read " + path);
  Blob blob(raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

bool GitTreeWorkspace::is_directory(const std::string& path) const {
  const auto entry = entry_at(tree_.get(), path);
  return entry && git_tree_entry_type(entry.get()) == GIT_OBJECT_TREE;
}

std::vector<std::string> GitTreeWorkspace::list_files(const std::string& dir) const {
  struct Walk {
    std::string prefix;
    std::vector<std::string> files;
  } walk{dir.empty() ? "" : dir + "/", {}};
  git::check(git_tree_walk(
                 tree_.get(), GIT_TREEWALK_PRE,
                 [](const char* root, const git_tree_entry* entry, void* payload) {
                   auto* w = static_cast<Walk*>(payload);
                   const std::string path = std::string(root) + git_tree_entry_name(entry);
                   if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
                     // Skip subtrees that cannot hold the prefix.
                     return (path + "/").rfind(w->prefix, 0) == 0 ||
                                    w->prefix.rfind(path + "/", 0) == 0
                                ? 0
                                : 1;
                   if (path.rfind(w->prefix, 0) == 0) w->files.push_back(path);
                   return 0;
                 },
                 &walk),
             "cannot list the tree");
  std::sort(walk.files.begin(), walk.files.end());
  return walk.files;
}

}  // namespace gitopsgen
