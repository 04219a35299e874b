#include "generators/change/local_changes.hpp"

#include <map>

#include "generators/error.hpp"
#include "generators/git/object_hash.hpp"
#include "generators/parallel_map.hpp"

namespace gitopsgen {
using git::check;

namespace {

using TreeEntry =
    std::unique_ptr<git_tree_entry, git::Deleter<git_tree_entry, git_tree_entry_free>>;

// HEAD's tree, each directory looked up once: a promote asks for a thousand files of one
// directory, and looking each up from the root re-reads (and re-hashes) that directory's tree.
class HeadTree {
 public:
  HeadTree(git_repository* repo, git_tree* root) : repo_(repo), root_(root) {}

  // The blob HEAD's tree holds at `path`, if any.
  std::optional<git_oid> blob(const std::string& path) {
    if (root_ == nullptr) return std::nullopt;
    const auto slash = path.rfind('/');
    git_tree* dir = root_;
    if (slash != std::string::npos) {
      dir = directory(path.substr(0, slash));
      if (dir == nullptr) return std::nullopt;
    }
    const auto name = slash == std::string::npos ? path : path.substr(slash + 1);
    const git_tree_entry* entry = git_tree_entry_byname(dir, name.c_str());
    if (entry == nullptr || git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return std::nullopt;
    return *git_tree_entry_id(entry);
  }

 private:
  git_tree* directory(const std::string& dir) {
    auto it = dirs_.find(dir);
    if (it != dirs_.end()) return it->second.get();
    git_tree* tree = nullptr;
    git_tree_entry* raw = nullptr;
    if (git_tree_entry_bypath(&raw, root_, dir.c_str()) == 0) {
      TreeEntry entry(raw);
      if (git_tree_entry_type(raw) == GIT_OBJECT_TREE &&
          git_tree_lookup(&tree, repo_, git_tree_entry_id(raw)) != 0)
        tree = nullptr;
    }
    return dirs_.emplace(dir, git::Tree(tree)).first->second.get();
  }

  git_repository* repo_;
  git_tree* root_;
  std::map<std::string, git::Tree> dirs_;
};

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

LocalChanges local_changes(GitRepo& repo, const ChangeSet& changes) {
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
  HeadTree head(raw, head_tree.get());
  LocalChanges result;
  result.committed_old.reserve(changes.changes().size());
  // The blob ids of the old bytes, hashed on every core (only the lookups below touch libgit2's
  // shared state).
  const auto old_ids = parallel_map<std::optional<git_oid>>(
      changes.changes().size(), [&](std::size_t i) -> std::optional<git_oid> {
        const auto& old_bytes = changes.changes()[i].old_bytes;
        if (!old_bytes) return std::nullopt;
        return git::blob_hash(*old_bytes);
      });
  for (std::size_t i = 0; i < changes.changes().size(); ++i) {
    const auto& change = changes.changes()[i];
    std::optional<git_oid> committed_old;
    const auto committed = head.blob(change.path);
    const git_index_entry* staged = git_index_get_bypath(raw_index, change.path.c_str(), 0);
    bool modified = !same(committed, staged ? &staged->id : nullptr);
    if (!modified && change.old_bytes) {
      if (committed && git_oid_equal(&*old_ids[i], &*committed)) committed_old = committed;
      modified = !committed || (!committed_old && !git_sees_clean(raw, change.path));
    } else if (!modified) {
      modified = committed.has_value();  // deleted in the work tree
    }
    if (modified) result.uncommitted.push_back(change.path);
    result.committed_old.push_back(committed_old);
  }
  return result;
}

}  // namespace gitopsgen
