#include "generators/change/crash_recovery.hpp"

#include "generators/change/commit_journal.hpp"
#include "generators/change/disk_transaction.hpp"
#include "generators/change/repo_lock.hpp"
#include "generators/error.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;
using git::check;

namespace {

bool same(const std::optional<git_oid>& a, const std::optional<git_oid>& b) {
  return a.has_value() == b.has_value() && (!a || git_oid_equal(&*a, &*b));
}

// Removes `lock` when the interrupted run left it: it is no older than the journal.
void remove_stale_lock(const fs::path& lock, const fs::path& journal) {
  std::error_code ec;
  const auto lock_time = fs::last_write_time(lock, ec);
  if (ec) return;
  if (lock_time >= fs::last_write_time(journal, ec) && !ec) fs::remove(lock, ec);
}

// Removes the temporary files write_file_atomically may have left beside `target`.
void remove_temporaries(const fs::path& target) {
  const std::string prefix = "." + target.filename().string() + ".gitopsgen-";
  std::error_code ec;
  for (fs::directory_iterator it(target.parent_path(), ec), end; !ec && it != end;
       it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.size() == prefix.size() + 6 && name.rfind(prefix, 0) == 0) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

// Makes the work-tree file at `target` hold `blob` (absent: no file), writing only when it differs.
void restore_file(git_repository* repo, const fs::path& root, const fs::path& target,
                  const std::optional<git_oid>& blob) {
  std::error_code ec;
  if (!blob) {
    fs::remove(target, ec);
    for (auto dir = target.parent_path(); dir != root && fs::is_empty(dir, ec) && !ec;
         dir = dir.parent_path())
      fs::remove(dir, ec);
    return;
  }
  if (fs::is_regular_file(target, ec) && !fs::is_symlink(target, ec)) {
    git_oid current;
    if (git_odb_hashfile(&current, target.c_str(), GIT_OBJECT_BLOB) == 0 &&
        git_oid_equal(&current, &*blob))
      return;
  }
  git_blob* raw = nullptr;
  check(git_blob_lookup(&raw, repo, &*blob), "cannot read " + target.string() + "'s blob");
  std::unique_ptr<git_blob, git::Deleter<git_blob, git_blob_free>> owned(raw);
  const std::string bytes(static_cast<const char*>(git_blob_rawcontent(raw)),
                          static_cast<std::size_t>(git_blob_rawsize(raw)));
  fs::create_directories(target.parent_path(), ec);
  write_file_atomically(target, bytes);
}

}  // namespace

bool has_interrupted_commit(const GitRepo& repo) {
  std::error_code ec;
  return fs::exists(journal_path(git_repository_path(repo.raw())), ec);
}

RecoveryResult recover_interrupted_commit(GitRepo& repo,
                                          std::chrono::milliseconds index_lock_timeout) {
  const fs::path git_dir = git_repository_path(repo.raw());
  const auto journal = read_journal(git_dir);
  if (!journal) return {};
  const auto head = repo.ref_target("HEAD");
  RecoveryResult result;
  if (head && git_oid_equal(&*head, &journal->commit)) {
    result.outcome = RecoveryResult::Outcome::rolled_forward;
  } else if (same(head, journal->head_before)) {
    result.outcome = RecoveryResult::Outcome::rolled_back;
  } else {
    throw Error("an interrupted gitopsgen run left " + journal_path(git_dir).string() +
                " but HEAD has moved since; check the files it lists, then remove it");
  }
  const bool forward = result.outcome == RecoveryResult::Outcome::rolled_forward;
  const fs::path journal_file = journal_path(git_dir);
  remove_stale_lock(git_dir / "index.lock", journal_file);
  git_reference* raw_head = nullptr;
  if (git_reference_lookup(&raw_head, repo.raw(), "HEAD") == 0) {
    git::Reference owned(raw_head);
    if (git_reference_type(raw_head) == GIT_REFERENCE_SYMBOLIC)
      remove_stale_lock(git_dir / (std::string(git_reference_symbolic_target(raw_head)) + ".lock"),
                        journal_file);
  }
  wait_for_index_lock(git_dir, index_lock_timeout);  // one a live git process holds

  const fs::path root = repo.workdir();
  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, repo.raw()), "cannot open the index");
  git::Index index(raw_index);
  check(git_index_read(raw_index, 1), "cannot read the index");
  for (const auto& entry : journal->entries) {
    const fs::path target = root / entry.path;
    const auto& blob = forward ? entry.after : entry.before;
    remove_temporaries(target);
    restore_file(repo.raw(), root, target, blob);
    if (blob) {
      check(git_index_add_bypath(raw_index, entry.path.c_str()), "cannot stage " + entry.path);
    } else {
      check(git_index_remove_bypath(raw_index, entry.path.c_str()), "cannot unstage " + entry.path);
    }
    ++result.files;
  }
  check(git_index_write(raw_index), "cannot write the index");
  remove_journal(git_dir);
  remove_temporaries(journal_file);
  std::error_code ec;
  for (fs::directory_iterator it(git_dir / "gitopsgen-tmp", ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code ignored;
    fs::remove(it->path(), ignored);
  }
  return result;
}

}  // namespace gitopsgen
