#include "generators/changeset.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "generators/change/generation_record.hpp"
#include "generators/error.hpp"
#include "test_support.hpp"

using namespace gitopsgen;

TEST_CASE("a ChangeSet records only real changes") {
  MemoryWorkspace base;
  base.put("a.yaml", "a: 1\n");
  ChangeSet changes(base);
  changes.put("a.yaml", "a: 1\n");
  CHECK(changes.empty());
  changes.put("a.yaml", "a: 2\n");
  changes.put("b.yaml", "b: 1\n");
  REQUIRE(changes.changes().size() == 2);
  CHECK(changes.changes()[0].old_bytes == "a: 1\n");
  CHECK(changes.changes()[1].old_bytes == std::nullopt);
  CHECK(changes.read_after("a.yaml") == "a: 2\n");
  changes.put("a.yaml", "a: 1\n");  // back to the original: no change left
  CHECK(changes.changes().size() == 1);
  changes.remove("b.yaml");  // created then removed: nothing
  CHECK(changes.empty());
  changes.remove("a.yaml");
  REQUIRE(changes.changes().size() == 1);
  CHECK_FALSE(changes.changes()[0].writes());
  changes.remove("missing.yaml");
  CHECK(changes.changes().size() == 1);
}

TEST_CASE("a ChangeSet keeps a blob id only for the bytes it was given with") {
  MemoryWorkspace base;
  base.put("a.yaml", "a: 1\n");
  ChangeSet changes(base);
  const auto id = blob_oid("b: 1\n");
  changes.put("b.yaml", "b: 1\n", YamlChecked::no, id);
  REQUIRE(changes.changes().size() == 1);
  REQUIRE(changes.changes()[0].new_id.has_value());
  CHECK(git_oid_equal(&*changes.changes()[0].new_id, &id));
  changes.put("b.yaml", "b: 2\n");  // new bytes without an id: the old id must not stay
  CHECK_FALSE(changes.changes()[0].new_id.has_value());
  changes.replace("a.yaml", "a: 1\n", "b: 1\n", YamlChecked::no, id);
  REQUIRE(changes.changes().size() == 2);
  CHECK(changes.changes()[1].new_id.has_value());
  changes.remove("a.yaml");  // a deletion has no new bytes, so no id
  CHECK_FALSE(changes.changes()[1].new_id.has_value());
}

TEST_CASE("paths outside the repository are refused") {
  MemoryWorkspace base;
  ChangeSet changes(base);
  for (const std::string bad :
       {"", "/etc/passwd", "../x", "a/../../x", ".git/config", "a//b", "a/"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(changes.put(bad, "x"), Error);
  }
}

TEST_CASE("a disk workspace lists a directory's names folded, and none of a missing one") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path / "ci" / "sub");
  std::ofstream(dir.path / "ci" / "Web-Dev.yaml") << "a: 1\n";
  std::ofstream(dir.path / "ci" / "api-dev.yaml") << "a: 1\n";
  const DiskWorkspace disk(dir.path);
  const auto names = disk.folded_entry_names("ci");
  REQUIRE(names.has_value());
  CHECK(*names == std::vector<std::string>{"api-dev.yaml", "sub", "web-dev.yaml"});
  CHECK(disk.folded_entry_names("missing/deeper") == std::vector<std::string>{});
  CHECK_FALSE(MemoryWorkspace().folded_entry_names("").has_value());
}

TEST_CASE("a disk workspace lists the regular files under a directory, sorted") {
  namespace fs = std::filesystem;
  test::TempDir dir;
  const auto& root = dir.path;
  fs::create_directories(root / "apps" / "dev" / "deep");
  fs::create_directories(root / "apps" / ".git" / "objects");
  fs::create_directories(root / "elsewhere");
  std::ofstream(root / "apps" / "b.yaml") << "b\n";
  std::ofstream(root / "apps" / "a.yaml") << "a\n";
  std::ofstream(root / "apps" / "dev" / "deep" / "c.yaml") << "c\n";
  std::ofstream(root / "apps" / ".git" / "config") << "not listed\n";
  std::ofstream(root / "apps" / "dev" / ".git") << "gitdir: a submodule's, not listed\n";
  std::ofstream(root / "elsewhere" / "d.yaml") << "d\n";
  std::ofstream(root / "top.yaml") << "t\n";
  fs::create_symlink("a.yaml", root / "apps" / "to-file.yaml");         // listed, as its target
  fs::create_symlink("../elsewhere", root / "apps" / "to-dir");         // not followed
  fs::create_symlink("missing.yaml", root / "apps" / "dangling.yaml");  // leads nowhere
  REQUIRE(::mkfifo((root / "apps" / "fifo").c_str(), 0600) == 0);       // not a regular file
  const DiskWorkspace disk(root);
  const std::vector<std::string> apps{"apps/a.yaml", "apps/b.yaml", "apps/dev/deep/c.yaml",
                                      "apps/to-file.yaml"};
  CHECK(disk.list_files("apps") == apps);
  CHECK(disk.list_files("apps/") == apps);
  CHECK(disk.list_files("apps/dev") == std::vector<std::string>{"apps/dev/deep/c.yaml"});
  auto all = apps;
  all.insert(all.end(), {"elsewhere/d.yaml", "top.yaml"});
  CHECK(disk.list_files("") == all);
  CHECK(disk.list_files("missing").empty());
  CHECK(disk.list_files("top.yaml").empty());
}

TEST_CASE("a ChangeSet that keeps missing in a directory answers from its listing") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path / "ci");
  std::ofstream(dir.path / "ci" / "kept.yaml") << "kept: 1\n";
  const DiskWorkspace disk(dir.path);
  ChangeSet changes(disk);
  // A bulk change: hundreds of new files in one directory, each looked up first.
  for (int i = 0; i < 300; ++i) {
    const auto path = "ci/new-" + std::to_string(i) + ".yaml";
    CHECK_FALSE(changes.read_after(path).has_value());
    changes.put(path, "n: " + std::to_string(i) + "\n");
  }
  REQUIRE(changes.changes().size() == 300);
  for (const auto& c : changes.changes()) CHECK_FALSE(c.old_bytes.has_value());
  // A file the listing holds is still read from the disk.
  CHECK(changes.read_after("ci/kept.yaml") == "kept: 1\n");
  changes.put("ci/kept.yaml", "kept: 2\n");
  CHECK(changes.changes().back().old_bytes == "kept: 1\n");
  // A file made after the listing (the base changing under a planned change, which the contract
  // rules out) is not seen: the proof that the misses were answered from the listing.
  std::ofstream(dir.path / "ci" / "late.yaml") << "late: 1\n";
  CHECK_FALSE(changes.read_after("ci/late.yaml").has_value());
  // Another directory has its own count: one miss there still reads the disk.
  std::filesystem::create_directories(dir.path / "other");
  std::ofstream(dir.path / "other" / "late.yaml") << "late: 1\n";
  CHECK(changes.read_after("other/late.yaml") == "late: 1\n");
  // A new ChangeSet on the same base lists again.
  CHECK(ChangeSet(disk).read_after("ci/late.yaml") == "late: 1\n");
}

TEST_CASE("a ChangeSet holding nothing in memory reads every file back as it was given") {
  MemoryWorkspace base;
  base.put("a.yaml", "a: 1\n");
  ChangeSet changes(base);
  changes.hold_at_most(12);  // the first file held, the rest spilled
  changes.put("held.yaml", "held: 1\n");
  changes.put("b.yaml", std::string(5000, 'b'));
  changes.put("a.yaml", "a: 2\n");
  changes.put("empty.yaml", "");
  REQUIRE(changes.changes().size() == 4);
  CHECK(changes.changes()[0].held);
  CHECK(changes.changes()[1].spilled);
  CHECK_FALSE(changes.changes()[1].held);
  CHECK(changes.changes()[2].spilled);
  CHECK(changes.changes()[3].held == "");  // nothing to spill
  CHECK(changes.read_after("held.yaml") == "held: 1\n");
  CHECK(changes.read_after("b.yaml") == std::string(5000, 'b'));
  CHECK(changes.new_bytes(changes.changes()[2]) == "a: 2\n");
  changes.put("b.yaml", "b: 2\n");  // spilled again, over the first
  CHECK(changes.read_after("b.yaml") == "b: 2\n");
  CHECK(changes.read_after("a.yaml") == "a: 2\n");
  changes.put("a.yaml", "a: 1\n");  // back to the base's bytes: no change left
  CHECK(changes.changes().size() == 3);
  CHECK(changes.read_after("a.yaml") == "a: 1\n");
  changes.remove("b.yaml");  // created, spilled, removed: nothing
  CHECK(changes.changes().size() == 2);
  CHECK_FALSE(changes.read_after("b.yaml"));
  const ChangeSet copy = changes;  // a copy reads the same spill file
  CHECK(copy.read_after("held.yaml") == "held: 1\n");
}
