// The one road every command takes from a ChangeSet to the repository.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generators/changeset.hpp"
#include "generators/git/git_repo.hpp"

namespace gitopsgen {

// What `apply_changes` does with a ChangeSet.
struct ApplyOptions {
  enum class Mode { dry_run, write_only, commit };
  Mode mode = Mode::commit;
  std::string message;       // the commit message
  bool allow_dirty = false;  // may overwrite files with uncommitted changes
};

// What `apply_changes` did.
struct ApplyResult {
  std::vector<std::string> written;  // created or changed files
  std::vector<std::string> removed;
  std::optional<std::string> commit_id;
  std::string diff;  // the unified diff of the change, on a dry run
};

// Checks `changes` (content, paths, and unless `allow_dirty` that no file they touch holds
// uncommitted work), then per `options` only diffs them, writes them, or writes them and commits
// them on HEAD's branch in `repo`; on any failure the work tree, index and HEAD are as before
// and Error is thrown. A commit keeps a journal in the git directory while it changes the work
// tree, so a run killed half-way is undone or finished by recover_interrupted_commit.
ApplyResult apply_changes(GitRepo* repo, const std::filesystem::path& root,
                          const ChangeSet& changes, const ApplyOptions& options);

}  // namespace gitopsgen
