// The files of one commit, read straight from the object database.
#pragma once

#include <string>

#include "generators/git/git_handles.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// A read-only Workspace over the tree of a commit.
class GitTreeWorkspace : public Workspace {
 public:
  // The tree of `commit` in `repo` (which must outlive this workspace); throws Error.
  GitTreeWorkspace(git_repository* repo, const git_oid& commit);
  std::optional<std::string> read(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  std::vector<std::string> list_files(const std::string& dir) const override;
  // The id of the blob at `path`, or nothing when there is none: comparing ids is how a change
  // to a file is found without reading it.
  std::optional<git_oid> blob_id(const std::string& path) const;

 private:
  git_repository* repo_;
  git::Tree tree_;
};

}  // namespace gitopsgen
