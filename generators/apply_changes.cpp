#include "generators/apply_changes.hpp"

#include "generators/changeset_checks.hpp"
#include "generators/disk_transaction.hpp"
#include "generators/error.hpp"
#include "generators/unified_diff.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;

namespace {

// Keeps a copy of the index file so a failed commit can put it back byte for byte.
class IndexBackup {
 public:
  explicit IndexBackup(GitRepo& repo) : path_(fs::path(git_repository_path(repo.raw())) / "index") {
    std::error_code ec;
    if (fs::exists(path_, ec)) bytes_ = read_file(path_);
  }
  void restore() noexcept {
    try {
      if (bytes_) {
        write_file_atomically(path_, *bytes_);
      } else {
        std::error_code ec;
        fs::remove(path_, ec);
      }
    } catch (...) {
    }
  }

 private:
  fs::path path_;
  std::optional<std::string> bytes_;
};

}  // namespace

ApplyResult apply_changes(GitRepo* repo, const fs::path& root, const ChangeSet& changes,
                          const ApplyOptions& options) {
  check_changeset(changes);
  ApplyResult result;
  // The diff is only shown on a dry run; thousands of files make it worth skipping otherwise.
  if (options.mode == ApplyOptions::Mode::dry_run) result.diff = unified_diff(changes);
  for (const auto& c : changes.changes())
    (c.new_bytes ? result.written : result.removed).push_back(c.path);
  if (options.mode == ApplyOptions::Mode::dry_run || changes.empty()) return result;

  if (options.mode == ApplyOptions::Mode::write_only) {
    DiskTransaction(root).apply(changes);
    return result;
  }
  if (repo == nullptr) throw Error("not a git repository: " + root.string());
  // Every object is written before the work tree is touched: a bad identity or a libgit2
  // failure stops here with nothing changed.
  const git_oid commit = repo->write_commit(changes, options.message);
  IndexBackup index(*repo);
  DiskTransaction disk(root);
  disk.apply(changes);
  try {
    repo->stage(changes);
    repo->advance_head(commit, options.message);
  } catch (...) {
    index.restore();
    disk.rollback();
    throw;
  }
  result.commit_id = to_hex(commit);
  return result;
}

}  // namespace gitopsgen
