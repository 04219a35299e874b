#include "generators/change/path_safety.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "generators/error.hpp"
#include "generators/workspace.hpp"
#include "tests/unit/test_support.hpp"

using namespace gitopsgen;
using test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("writes stay inside the repository") {
  TempDir outside, repo;
  fs::create_directories(repo.path / "inside/real");
  fs::create_symlink(outside.path, repo.path / "escape");
  fs::create_symlink(repo.path / "inside/real", repo.path / "inside/alias");
  fs::create_symlink("/etc/hostname", repo.path / "inside/file.yaml");
  DiskWorkspace disk(repo.path);

  ChangeSet through_escape(disk);
  through_escape.put("escape/a/b.yaml", "x: 1\n");
  CHECK_THROWS_WITH_AS(check_paths_stay_inside(repo.path, through_escape),
                       "refusing to write escape/a/b.yaml: escape is a symbolic link leading "
                       "outside the repository",
                       Error);

  ChangeSet onto_link(disk);
  // Reading through a link that leads outside is refused before any check of the write.
  CHECK_THROWS_WITH_AS(onto_link.remove("inside/file.yaml"),
                       "refusing to read inside/file.yaml: it is a symbolic link leading outside "
                       "the repository",
                       Error);
  std::ofstream(repo.path / "inside/real/x.yaml") << "x: 1\n";
  fs::create_symlink(repo.path / "inside/real/x.yaml", repo.path / "inside/link.yaml");
  onto_link.put("inside/link.yaml", "x: 2\n");
  CHECK_THROWS_WITH_AS(check_paths_stay_inside(repo.path, onto_link),
                       "refusing to write inside/link.yaml: it is a symbolic link", Error);

  ChangeSet fine(disk);
  fine.put("inside/alias/c.yaml", "c: 1\n");  // a link that stays inside
  fine.put("new/dir/d.yaml", "d: 1\n");
  CHECK_NOTHROW(check_paths_stay_inside(repo.path, fine));
}

TEST_CASE("repository paths refuse control characters and .git in any case") {
  MemoryWorkspace memory;
  ChangeSet changes(memory);
  CHECK_THROWS_AS(changes.put("a/.GIT/config", "x"), Error);
  CHECK_THROWS_AS(changes.put("a/b\nc.yaml", "x"), Error);
  CHECK_THROWS_AS(changes.put("../x.yaml", "x"), Error);
  CHECK_THROWS_AS(changes.put("/etc/x.yaml", "x"), Error);
  CHECK_NOTHROW(changes.put("a/.gitkeep", "x"));
}
