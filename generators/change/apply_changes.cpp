#include "generators/change/apply_changes.hpp"

#include <algorithm>

#include "generators/change/changeset_checks.hpp"
#include "generators/change/commit_journal.hpp"
#include "generators/change/crash_point.hpp"
#include "generators/change/disk_transaction.hpp"
#include "generators/change/local_changes.hpp"
#include "generators/change/path_safety.hpp"
#include "generators/change/unified_diff.hpp"
#include "generators/error.hpp"
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

// Throws Error listing the files of `changes` that hold uncommitted work; otherwise returns, for
// each change, HEAD's blob that its old bytes are, when they are.
std::vector<std::optional<git_oid>> refuse_uncommitted(GitRepo& repo, const ChangeSet& changes) {
  auto local = local_changes(repo, changes);
  const auto& dirty = local.uncommitted;
  if (dirty.empty()) return std::move(local.committed_old);
  constexpr std::size_t kListed = 5;
  std::string list;
  for (std::size_t i = 0; i < dirty.size() && i < kListed; ++i) list += (i ? ", " : "") + dirty[i];
  if (dirty.size() > kListed) list += " and " + std::to_string(dirty.size() - kListed) + " more";
  throw NeedsPerson("refusing to overwrite uncommitted changes in " + list +
                    " (commit or stash them, or pass --allow-dirty)");
}

// The journal of committing `changes` as `commit`: every file's blob before and after. Old
// contents not known to be HEAD's blobs (`committed_old`, per change, may be empty) are stored as
// blobs first so recovery can restore them.
CommitJournal journal_for(GitRepo& repo, const ChangeSet& changes, const git_oid& commit,
                          const std::vector<std::optional<git_oid>>& committed_old) {
  CommitJournal journal;
  journal.head_before = repo.head_commit();
  journal.commit = commit;
  journal.entries.reserve(changes.changes().size());
  for (std::size_t i = 0; i < changes.changes().size(); ++i) {
    const auto& c = changes.changes()[i];
    JournalEntry entry{c.path, std::nullopt, repo.written_blob(changes, c)};
    if (i < committed_old.size() && committed_old[i]) {
      entry.before = committed_old[i];
    } else if (c.old_bytes) {
      git_oid before;
      git::check(git_blob_create_from_buffer(&before, repo.raw(), c.old_bytes->data(),
                                             c.old_bytes->size()),
                 "cannot store the old " + c.path);
      entry.before = before;
    }
    journal.entries.push_back(std::move(entry));
  }
  return journal;
}

}  // namespace

ApplyResult apply_changes(GitRepo* repo, const fs::path& root, const ChangeSet& changes,
                          const ApplyOptions& options) {
  check_changeset(changes);
  ApplyResult result;
  // The diff is only shown on a dry run; thousands of files make it worth skipping otherwise.
  if (options.mode == ApplyOptions::Mode::dry_run) result.diff = unified_diff(changes);
  // The paths are listed last, when the copies no longer add to the largest use of memory, into
  // vectors sized once (70,000 of them in a bulk apply).
  auto list_paths = [&] {
    const auto writes =
        static_cast<std::size_t>(std::count_if(changes.changes().begin(), changes.changes().end(),
                                               [](const FileChange& c) { return c.writes(); }));
    result.written.reserve(writes);
    result.removed.reserve(changes.changes().size() - writes);
    for (const auto& c : changes.changes())
      (c.writes() ? result.written : result.removed).push_back(c.path);
  };
  if (options.mode == ApplyOptions::Mode::dry_run || changes.empty()) {
    list_paths();
    return result;
  }

  check_paths_stay_inside(root, changes);
  std::vector<std::optional<git_oid>> committed_old;
  if (repo != nullptr && !options.allow_dirty) committed_old = refuse_uncommitted(*repo, changes);
  if (options.mode == ApplyOptions::Mode::write_only) {
    DiskTransaction(root).apply(changes);
    list_paths();
    return result;
  }
  if (repo == nullptr) throw Error("not a git repository: " + root.string());
  // Every object is written before the work tree is touched: a bad identity or a libgit2
  // failure stops here with nothing changed.
  const git_oid commit = repo->write_commit(changes, options.message);
  crash_point("objects-written");
  const fs::path git_dir = git_repository_path(repo->raw());
  write_journal(git_dir, journal_for(*repo, changes, commit, committed_old));
  crash_point("journal-written");
  IndexBackup index(*repo);
  // New contents wait in the git directory until renamed into place: a kill at any moment leaves
  // no half-written file in the work tree.
  const fs::path temp_dir = git_dir / "gitopsgen-tmp";
  std::error_code ec;
  fs::create_directories(temp_dir, ec);
  DiskTransaction disk(root, ec ? fs::path() : temp_dir);
  try {
    disk.apply(changes);
    crash_point("files-written");
    repo->stage(changes);
    crash_point("staged");
    repo->advance_head(commit, options.message);
    crash_point("head-moved");
  } catch (...) {
    index.restore();
    disk.rollback();
    remove_journal(git_dir);
    throw;
  }
  remove_journal(git_dir);
  result.commit_id = to_hex(commit);
  list_paths();
  return result;
}

}  // namespace gitopsgen
