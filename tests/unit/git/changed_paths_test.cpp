#include "generators/git/changed_paths.hpp"

#include <doctest/doctest.h>

#include <fstream>

#include "generators/error.hpp"
#include "generators/workspace.hpp"
#include "tests/unit/test_support.hpp"

using namespace gitopsgen;
using test::Identity;
using test::TempDir;

TEST_CASE("the paths a work tree changed since a revision: edited, added, deleted, untracked") {
  Identity identity;
  TempDir dir;
  auto repo = GitRepo::create(dir.path, "main");
  DiskWorkspace disk(dir.path);
  ChangeSet first(disk);
  first.put("keep.yaml", "a: 1\n");
  first.put("edit.yaml", "b: 1\n");
  first.put("gone/old.yaml", "c: 1\n");
  const auto commit = repo.write_commit_on(std::nullopt, first, "first");
  repo.move_head_to(commit, "first");
  CHECK(paths_changed_since(repo, "HEAD").empty());
  CHECK(paths_changed_since(repo, to_hex(commit)).empty());
  std::ofstream(dir.path / "edit.yaml") << "b: 2\n";
  std::ofstream(dir.path / "new.yaml") << "d: 1\n";
  std::filesystem::remove_all(dir.path / "gone");
  CHECK(paths_changed_since(repo, "main") ==
        std::set<std::string>{"edit.yaml", "gone/old.yaml", "new.yaml"});
  CHECK_THROWS_WITH_AS(paths_changed_since(repo, "no-such-branch"),
                       doctest::Contains("'no-such-branch' names no commit"), Error);
}
