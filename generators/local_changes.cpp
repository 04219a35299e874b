#include "generators/local_changes.hpp"

#include "generators/error.hpp"

namespace gitopsgen {
using git::check;

namespace {

using TreeEntry =
    std::unique_ptr<git_tree_entry, git::Deleter<git_tree_entry, git_tree_entry_free>>;

// The blob HEAD's tree holds at `path`, if any.
std::optional<git_oid> blob_in(git_tree* tree, const std::string& path) {
  if (tree == nullptr) return std::nullopt;
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree, path.c_str()) != 0) return std::nullopt;
  TreeEntry entry(raw);
  if (git_tree_entry_type(raw) != GIT_OBJECT_BLOB) return std::nullopt;
  return *git_tree_entry_id(raw);
}

bool same(const std::optional<git_oid>& a, const git_oid* b) {
  return a.has_value() == (b != nullptr) && (!a || git_oid_equal(&*a, b));
}

// True when git, with its filters (line endings and the like), sees `path` as unmodified.
bool git_sees_clean(git_repository* repo, const std::string& path) {
  unsigned int flags = 0;
  if (git_status_file(&flags, repo, path.c_str()) != 0) return false;
  return flags == GIT_STATUS_CURRENT;
}

}  // namespace

std::vector<std::string> uncommitted_paths(GitRepo& repo, const ChangeSet& changes) {
  git_repository* raw = repo.raw();
  git::Tree head_tree;
  if (const auto head = repo.ref_target("HEAD")) {
    git_commit* raw_commit = nullptr;
    check(git_commit_lookup(&raw_commit, raw, &*head), "cannot read HEAD");
    git::Commit commit(raw_commit);
    git_tree* tree = nullptr;
    check(git_commit_tree(&tree, commit.get()), "cannot read HEAD's tree");
    head_tree.reset(tree);
  }
  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, raw), "cannot open the index");
  git::Index index(raw_index);
  std::vector<std::string> dirty;
  for (const auto& change : changes.changes()) {
    const auto committed = blob_in(head_tree.get(), change.path);
    const git_index_entry* staged = git_index_get_bypath(raw_index, change.path.c_str(), 0);
    bool modified = !same(committed, staged ? &staged->id : nullptr);
    if (!modified && change.old_bytes) {
      git_oid on_disk;
      check(git_odb_hash(&on_disk, change.old_bytes->data(), change.old_bytes->size(),
                         GIT_OBJECT_BLOB),
            "cannot hash " + change.path);
      modified = !committed ||
                 (!git_oid_equal(&on_disk, &*committed) && !git_sees_clean(raw, change.path));
    } else if (!modified) {
      modified = committed.has_value();  // deleted in the work tree
    }
    if (modified) dirty.push_back(change.path);
  }
  return dirty;
}

}  // namespace gitopsgen
