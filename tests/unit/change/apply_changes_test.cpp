#include "generators/change/apply_changes.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "generators/change/disk_transaction.hpp"
#include "generators/error.hpp"
#include "generators/workspace.hpp"
#include "tests/unit/test_support.hpp"

using namespace gitopsgen;
using test::Identity;
using test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("a ChangeSet becomes one commit, and the next one builds on it") {
  Identity identity;
  TempDir dir;
  auto repo = GitRepo::create(dir.path, "main");
  DiskWorkspace disk(dir.path);
  ChangeSet first(disk);
  first.put("a/b.yaml", "b: 1\n");
  first.put("c.yaml", "c: 1\n");
  const auto one = apply_changes(&repo, dir.path, first, {ApplyOptions::Mode::commit, "first"});
  REQUIRE(one.commit_id);
  CHECK(repo.head_id() == one.commit_id);
  CHECK(read_file(dir.path / "a/b.yaml") == "b: 1\n");

  auto reopened = GitRepo::discover(dir.path);
  REQUIRE(reopened);
  ChangeSet second(disk);
  second.remove("c.yaml");
  second.put("a/b.yaml", "b: 2\n");
  const auto two =
      apply_changes(&*reopened, dir.path, second, {ApplyOptions::Mode::commit, "second"});
  CHECK(two.removed == std::vector<std::string>{"c.yaml"});
  CHECK_FALSE(fs::exists(dir.path / "c.yaml"));
  CHECK(reopened->head_id() == two.commit_id);
}

TEST_CASE("dry run and invalid YAML write nothing") {
  Identity identity;
  TempDir dir;
  auto repo = GitRepo::create(dir.path, "main");
  DiskWorkspace disk(dir.path);
  ChangeSet changes(disk);
  changes.put("new/x.yaml", "x: 1\n");
  const auto dry = apply_changes(&repo, dir.path, changes, {ApplyOptions::Mode::dry_run, "m"});
  CHECK(dry.diff.find("+x: 1") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path / "new"));
  ChangeSet bad(disk);
  bad.put("ok.yaml", "fine: 1\n");
  bad.put("bad.yaml", "a: [1,\n");
  CHECK_THROWS_WITH_AS(apply_changes(&repo, dir.path, bad, {ApplyOptions::Mode::commit, "m"}),
                       doctest::Contains("bad.yaml"), Error);
  CHECK_FALSE(fs::exists(dir.path / "ok.yaml"));
  CHECK_FALSE(repo.head_id());
}

TEST_CASE("a failure while writing puts every file back") {
  Identity identity;
  TempDir dir;
  auto repo = GitRepo::create(dir.path, "main");
  write_file_atomically(dir.path / "keep.yaml", "keep: 1\n");
  fs::create_directory(dir.path / "blocked");
  DiskWorkspace disk(dir.path);
  ChangeSet changes(disk);
  changes.put("keep.yaml", "keep: 2\n");
  changes.put("blocked", "a file where a directory is\n");
  CHECK_THROWS_AS(apply_changes(&repo, dir.path, changes, {ApplyOptions::Mode::commit, "m"}),
                  Error);
  CHECK(read_file(dir.path / "keep.yaml") == "keep: 1\n");
  CHECK_FALSE(repo.head_id());
}

TEST_CASE("files are written on every core, and one failure among hundreds puts every file back") {
  TempDir dir;
  fs::create_directory(dir.path / "old");
  for (int i = 0; i < 150; ++i)
    write_file_atomically(dir.path / "old" / (std::to_string(i) + ".yaml"), "v: old\n");
  write_file_atomically(dir.path / "gone.yaml", "gone: no\n");
  fs::create_directory(dir.path / "blocked");
  DiskWorkspace disk(dir.path);
  ChangeSet changes(disk);
  for (int i = 0; i < 150; ++i) {
    changes.put("old/" + std::to_string(i) + ".yaml", "v: new\n");
    changes.put("new/dir/" + std::to_string(i) + ".yaml", "v: " + std::to_string(i) + "\n");
    if (i == 75) changes.put("blocked", "a file where a directory is\n");
  }
  changes.remove("gone.yaml");
  DiskTransaction written(dir.path);
  CHECK_THROWS_AS(written.apply(changes), Error);
  for (int i = 0; i < 150; ++i)
    CHECK(read_file(dir.path / "old" / (std::to_string(i) + ".yaml")) == "v: old\n");
  CHECK(read_file(dir.path / "gone.yaml") == "gone: no\n");
  CHECK_FALSE(fs::exists(dir.path / "new"));  // its files and the directories made for them
  CHECK(fs::is_directory(dir.path / "blocked"));

  ChangeSet fine(disk);
  for (int i = 0; i < 150; ++i)
    fine.put("new/dir/" + std::to_string(i) + ".yaml", "v: " + std::to_string(i) + "\n");
  DiskTransaction(dir.path).apply(fine);
  for (int i = 0; i < 150; ++i)
    CHECK(read_file(dir.path / "new/dir" / (std::to_string(i) + ".yaml")) ==
          "v: " + std::to_string(i) + "\n");
}

namespace {

// The tree HEAD of `repo` names.
std::string head_tree(GitRepo& repo) {
  git_oid head;
  REQUIRE(git_reference_name_to_id(&head, repo.raw(), "HEAD") == 0);
  git_commit* commit = nullptr;
  REQUIRE(git_commit_lookup(&commit, repo.raw(), &head) == 0);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, git_commit_tree_id(commit));
  git_commit_free(commit);
  return hex;
}

// `count` files, each its own bytes, put into `changes`.
void put_files(ChangeSet& changes, int count) {
  for (int i = 0; i < count; ++i)
    changes.put("d/f" + std::to_string(i) + ".yaml",
                "n: " + std::to_string(i) + "\npad: " + std::string(i % 97, 'x') + "\n");
}

}  // namespace

TEST_CASE("contents spilled out of memory are committed and written as held ones are") {
  Identity identity;
  // 150 files go into a pack, 5 are stored loose: both ways read spilled bytes back.
  for (const int count : {150, 5}) {
    TempDir held_dir, spilled_dir;
    auto held_repo = GitRepo::create(held_dir.path, "main");
    auto spilled_repo = GitRepo::create(spilled_dir.path, "main");
    DiskWorkspace held_disk(held_dir.path), spilled_disk(spilled_dir.path);
    ChangeSet held(held_disk), spilled(spilled_disk);
    spilled.hold_at_most(0);
    put_files(held, count);
    put_files(spilled, count);
    REQUIRE(spilled.changes().back().spilled);
    apply_changes(&held_repo, held_dir.path, held, {ApplyOptions::Mode::commit, "m"});
    apply_changes(&spilled_repo, spilled_dir.path, spilled, {ApplyOptions::Mode::commit, "m"});
    CHECK(head_tree(spilled_repo) == head_tree(held_repo));
    for (const int i : {0, count / 2, count - 1}) {
      const auto file = "d/f" + std::to_string(i) + ".yaml";
      CHECK(read_file(spilled_dir.path / file) == read_file(held_dir.path / file));
    }
  }
}

TEST_CASE("spilled contents are diffed and checked before anything is written") {
  Identity identity;
  TempDir dir;
  auto repo = GitRepo::create(dir.path, "main");
  DiskWorkspace disk(dir.path);
  ChangeSet changes(disk);
  changes.hold_at_most(0);
  changes.put("x.yaml", "x: 1\n");
  const auto dry = apply_changes(&repo, dir.path, changes, {ApplyOptions::Mode::dry_run, "m"});
  CHECK(dry.diff.find("+x: 1") != std::string::npos);
  changes.put("bad.yaml", "a: [1,\n");
  CHECK_THROWS_WITH_AS(apply_changes(&repo, dir.path, changes, {ApplyOptions::Mode::commit, "m"}),
                       doctest::Contains("bad.yaml"), Error);
  changes.remove("bad.yaml");
  changes.put("key.yaml",
              "k: |\n  -----BEGIN EC PRIVATE KEY-----\n  "
              "MCgBAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJico"
              "\n  -----END EC PRIVATE KEY-----\n");
  CHECK_THROWS_WITH_AS(apply_changes(&repo, dir.path, changes, {ApplyOptions::Mode::commit, "m"}),
                       doctest::Contains("key.yaml"), Error);
  CHECK_FALSE(fs::exists(dir.path / "x.yaml"));
  CHECK_FALSE(repo.head_id());
}
