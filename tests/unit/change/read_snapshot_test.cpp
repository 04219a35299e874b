#include "generators/change/read_snapshot.hpp"

#include <doctest/doctest.h>

#include <filesystem>

#include "generators/change/apply_changes.hpp"
#include "generators/change/commit_journal.hpp"
#include "generators/change/disk_transaction.hpp"
#include "generators/change/repo_lock.hpp"
#include "generators/workspace.hpp"
#include "tests/unit/test_support.hpp"

using namespace gitopsgen;
using test::Identity;
using test::TempDir;
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

// A repository whose HEAD holds a.yaml, killed half-way through a commit that edits it and adds
// b.yaml: a.yaml is already new, b.yaml not written yet.
struct HalfWritten {
  Identity identity;
  TempDir dir;
  GitRepo repo = GitRepo::create(dir.path, "main");
  fs::path git_dir;

  HalfWritten() {
    DiskWorkspace disk(dir.path);
    ChangeSet first(disk);
    first.put("a.yaml", "a: 1\n");
    apply_changes(&repo, dir.path, first, {ApplyOptions::Mode::commit, "first"});
    repo = std::move(*GitRepo::discover(dir.path));
    ChangeSet second(disk);
    second.put("a.yaml", "a: 2\n");
    second.put("b.yaml", "b: 1\n");
    const auto commit = repo.write_commit(second, "second");
    git_dir = git_repository_path(repo.raw());
    CommitJournal journal{repo.head_commit(), commit, {}};
    git_oid before;
    git_odb_hash(&before, "a: 1\n", 5, GIT_OBJECT_BLOB);
    journal.entries.push_back(
        {"a.yaml", before, repo.written_blob(second, second.changes().at(0))});
    journal.entries.push_back(
        {"b.yaml", std::nullopt, repo.written_blob(second, second.changes().at(1))});
    write_journal(git_dir, journal);
    write_file_atomically(dir.path / "a.yaml", "a: 2\n");
  }
};

}  // namespace

TEST_CASE("a repository with no interrupted run is read from the disk, silently") {
  HalfWritten run;
  recover_interrupted_commit(run.repo, milliseconds(0));
  const auto snapshot = open_for_reading(run.repo, milliseconds(0));
  CHECK(snapshot.head_tree == nullptr);
  CHECK(snapshot.note.empty());
  CHECK(snapshot.recovered.outcome == RecoveryResult::Outcome::nothing);
}

TEST_CASE("an interrupted run is recovered first when the lock is free") {
  HalfWritten run;
  const auto snapshot = open_for_reading(run.repo, milliseconds(0));
  CHECK(snapshot.head_tree == nullptr);
  CHECK(snapshot.note == "recovered an interrupted run: undid its change to 2 file(s)");
  CHECK(snapshot.recovered.outcome == RecoveryResult::Outcome::rolled_back);
  CHECK(read_file(run.dir.path / "a.yaml") == "a: 1\n");
  CHECK_FALSE(has_interrupted_commit(run.repo));
}

TEST_CASE("while another run holds the lock, HEAD's tree is read and the disk left alone") {
  HalfWritten run;
  const auto lock = RepoLock::acquire(run.git_dir, milliseconds(0));
  const auto snapshot = open_for_reading(run.repo, milliseconds(0));
  REQUIRE(snapshot.head_tree != nullptr);
  CHECK(snapshot.head_tree->read("a.yaml") == "a: 1\n");
  CHECK_FALSE(snapshot.head_tree->read("b.yaml"));
  const auto head = *run.repo.head_id();
  CHECK(snapshot.note == "another gitopsgen run is in progress; reading HEAD " + head.substr(0, 7));
  CHECK(read_file(run.dir.path / "a.yaml") == "a: 2\n");
  CHECK(has_interrupted_commit(run.repo));
}

TEST_CASE("recovery notes say which way the change went") {
  CHECK(recovery_note({RecoveryResult::Outcome::rolled_forward, 9000}) ==
        "recovered an interrupted run: finished its change to 9000 file(s)");
}
