#include "generators/change/crash_recovery.hpp"

#include <doctest/doctest.h>

#include <filesystem>

#include "generators/change/apply_changes.hpp"
#include "generators/change/commit_journal.hpp"
#include "generators/change/disk_transaction.hpp"
#include "generators/error.hpp"
#include "generators/workspace.hpp"
#include "tests/unit/test_support.hpp"

using namespace gitopsgen;
using test::Identity;
using test::TempDir;
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds kNoWait{0};

// A repository whose HEAD holds a.yaml and b.yaml, and the interrupted commit of a change that
// edits a.yaml, removes b.yaml and adds d/c.yaml, with the work tree half-way through it.
struct Interrupted {
  Identity identity;
  TempDir dir;
  GitRepo repo = GitRepo::create(dir.path, "main");
  git_oid commit{};
  fs::path git_dir;

  Interrupted() {
    DiskWorkspace disk(dir.path);
    ChangeSet first(disk);
    first.put("a.yaml", "a: 1\n");
    first.put("b.yaml", "b: 1\n");
    apply_changes(&repo, dir.path, first, {ApplyOptions::Mode::commit, "first"});
    auto reopened = GitRepo::discover(dir.path);
    repo = std::move(*reopened);
    ChangeSet second(disk);
    second.put("a.yaml", "a: 2\n");
    second.remove("b.yaml");
    second.put("d/c.yaml", "c: 1\n");
    commit = repo.write_commit(second, "second");
    git_dir = git_repository_path(repo.raw());
    CommitJournal journal{repo.head_commit(), commit, {}};
    for (const auto& c : second.changes()) {
      std::optional<git_oid> before;
      if (c.old_bytes) {
        git_oid id;
        git_odb_hash(&id, c.old_bytes->data(), c.old_bytes->size(), GIT_OBJECT_BLOB);
        before = id;
      }
      journal.entries.push_back({c.path, before, repo.written_blob(second, c)});
    }
    write_journal(git_dir, journal);
    // Half-way: a.yaml written, b.yaml not yet removed, d/c.yaml only as a temporary file.
    write_file_atomically(dir.path / "a.yaml", "a: 2\n");
    fs::create_directories(git_dir / "gitopsgen-tmp");
    write_file_atomically(git_dir / "gitopsgen-tmp" / ".c.yaml.gitopsgen-AAAAAA", "c: ");
  }
};

}  // namespace

TEST_CASE("a journal reads back as written") {
  Interrupted run;
  const auto journal = read_journal(run.git_dir);
  REQUIRE(journal);
  CHECK(git_oid_equal(&journal->commit, &run.commit));
  REQUIRE(journal->entries.size() == 3);
  CHECK(journal->entries[0].path == "a.yaml");
  CHECK(journal->entries[0].before);
  CHECK(journal->entries[1].path == "b.yaml");
  CHECK_FALSE(journal->entries[1].after);
  CHECK(journal->entries[2].path == "d/c.yaml");
  CHECK_FALSE(journal->entries[2].before);
}

TEST_CASE("an interrupted commit whose branch did not move is undone") {
  Interrupted run;
  CHECK(has_interrupted_commit(run.repo));
  const auto result = recover_interrupted_commit(run.repo, kNoWait);
  CHECK(result.outcome == RecoveryResult::Outcome::rolled_back);
  CHECK(result.files == 3);
  CHECK(read_file(run.dir.path / "a.yaml") == "a: 1\n");
  CHECK(read_file(run.dir.path / "b.yaml") == "b: 1\n");
  CHECK_FALSE(fs::exists(run.dir.path / "d"));
  CHECK_FALSE(has_interrupted_commit(run.repo));
  CHECK(fs::is_empty(run.git_dir / "gitopsgen-tmp"));
  CHECK(recover_interrupted_commit(run.repo, kNoWait).outcome == RecoveryResult::Outcome::nothing);
}

TEST_CASE("an interrupted commit whose branch moved to it is finished") {
  Interrupted run;
  run.repo.advance_head(run.commit, "second");
  const auto result = recover_interrupted_commit(run.repo, kNoWait);
  CHECK(result.outcome == RecoveryResult::Outcome::rolled_forward);
  CHECK(read_file(run.dir.path / "a.yaml") == "a: 2\n");
  CHECK_FALSE(fs::exists(run.dir.path / "b.yaml"));
  CHECK(read_file(run.dir.path / "d/c.yaml") == "c: 1\n");
  git_index* raw = nullptr;
  REQUIRE(git_repository_index(&raw, run.repo.raw()) == 0);
  git::Index index(raw);
  CHECK(git_index_get_bypath(raw, "d/c.yaml", 0) != nullptr);
  CHECK(git_index_get_bypath(raw, "b.yaml", 0) == nullptr);
}

TEST_CASE("the index.lock a killed run left is removed; a live git process's is waited for") {
  Interrupted run;
  const fs::path index_lock = run.git_dir / "index.lock";
  // Older than the journal: another git process holds it; recovery waits, then refuses.
  write_file_atomically(index_lock, "");
  fs::last_write_time(index_lock,
                      fs::last_write_time(journal_path(run.git_dir)) - std::chrono::hours(1));
  CHECK_THROWS_AS(recover_interrupted_commit(run.repo, milliseconds(100)), Error);
  CHECK(has_interrupted_commit(run.repo));
  CHECK(read_file(run.dir.path / "a.yaml") == "a: 2\n");
  // No older than the journal: the killed run left it (it died while writing the index).
  fs::last_write_time(index_lock, fs::last_write_time(journal_path(run.git_dir)));
  CHECK(recover_interrupted_commit(run.repo, kNoWait).outcome ==
        RecoveryResult::Outcome::rolled_back);
  CHECK_FALSE(fs::exists(index_lock));
  CHECK(read_file(run.dir.path / "a.yaml") == "a: 1\n");
}

TEST_CASE("a journal is refused, changing nothing, when the branch moved elsewhere") {
  Interrupted run;
  DiskWorkspace disk(run.dir.path);
  ChangeSet other(disk);
  other.put("e.yaml", "e: 1\n");
  const auto elsewhere = run.repo.write_commit(other, "elsewhere");
  run.repo.advance_head(elsewhere, "elsewhere");
  CHECK_THROWS_AS(recover_interrupted_commit(run.repo, kNoWait), Error);
  CHECK(has_interrupted_commit(run.repo));
  CHECK(read_file(run.dir.path / "a.yaml") == "a: 2\n");
}

TEST_CASE("a damaged journal is an error, not a guess") {
  Interrupted run;
  write_file_atomically(journal_path(run.git_dir), "gitopsgen-journal 1\nhead zz\n");
  CHECK_THROWS_AS(read_journal(run.git_dir), Error);
  write_file_atomically(journal_path(run.git_dir), "something else\n");
  CHECK_THROWS_AS(read_journal(run.git_dir), Error);
}
