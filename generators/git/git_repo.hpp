// A git repository driven through libgit2: the commit recipe index → tree → commit → ref.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "generators/changeset.hpp"
#include "generators/git/git_handles.hpp"

namespace gitopsgen {

// An open repository with a work tree.
class GitRepo {
 public:
  // Opens the repository whose work tree is or contains `dir`; nothing when there is none.
  static std::optional<GitRepo> discover(const std::filesystem::path& dir);
  // Creates a repository at `dir` (and the directory) whose unborn HEAD is `branch`.
  static GitRepo create(const std::filesystem::path& dir, const std::string& branch);

  // The root of the work tree.
  std::filesystem::path workdir() const;
  // The commit HEAD points at, as hex, or nothing while HEAD is unborn.
  std::optional<std::string> head_id() const;
  // The short name of the branch HEAD points at ("main"); throws Error when detached.
  std::string head_branch() const;
  // The URL configured for the remote called `name`, or nothing when there is no such remote.
  std::optional<std::string> remote_url(const std::string& name) const;
  // Writes the commit of HEAD's tree plus `changes` (objects only: work tree, index and refs
  // untouched) and returns its id.
  git_oid write_commit(const ChangeSet& changes, const std::string& message);
  // Writes the commit of `parent`'s tree (none: an empty tree) plus `changes`, objects only.
  git_oid write_commit_on(const std::optional<git_oid>& parent, const ChangeSet& changes,
                          const std::string& message);
  // The commit HEAD pointed at when this repository was opened (or last advanced).
  std::optional<git_oid> head_commit() const { return head_at_open_; }
  // The commit `ref` (a full reference name) points at, or nothing when it does not exist.
  std::optional<git_oid> ref_target(const std::string& ref) const;
  // True when `commit` has `ancestor` in its history (or is it).
  bool contains(const git_oid& commit, const git_oid& ancestor) const;
  // Creates branch `name` at `commit`; throws Error when it exists or the name is invalid.
  void create_branch(const std::string& name, const git_oid& commit);
  // Moves HEAD's branch to `commit`, updating the index and the work tree where they differ;
  // refuses (Error) rather than overwrite uncommitted changes to those files.
  void move_head_to(const git_oid& commit, const std::string& message);
  // Stages exactly the paths of `changes` in the index, leaving every other entry as it was; files
  // whose blob write_commit_on just wrote are staged from that id and one stat, not re-read.
  void stage(const ChangeSet& changes);
  // The blob the last write_commit_on stored for `change`, one of the `changes` it wrote, or
  // nothing when it stored none (a deletion, or another ChangeSet).
  std::optional<git_oid> written_blob(const ChangeSet& changes, const FileChange& change) const;
  // True when the work-tree file or index entry at `path` differs from HEAD (modified, staged,
  // deleted, or untracked and not ignored), or the work-tree file is a symbolic link.
  bool has_local_change_or_link(const std::string& path) const;
  // The bytes of blob `id` (hex) in the object database, or nothing when it holds no such blob.
  std::optional<std::string> read_blob(const std::string& id) const;
  // Points HEAD's branch at `commit`, provided it still points where it did when opened.
  void advance_head(const git_oid& commit, const std::string& message);
  // The raw libgit2 handle, for the rest of the git layer.
  git_repository* raw() const { return repo_.get(); }

 private:
  explicit GitRepo(git::Repository repo);
  git::Repository repo_;
  std::optional<git_oid> head_at_open_;
  // The ChangeSet the last write_commit_on wrote (compared, never read), and the blob it stored
  // for each of its changes without a new_id (the others' blob is their new_id: 70,000 paths a
  // bulk apply need not copy).
  const ChangeSet* written_from_ = nullptr;
  std::map<std::string, git_oid> written_blobs_;
};

// The hex form of `oid`.
std::string to_hex(const git_oid& oid);

}  // namespace gitopsgen
