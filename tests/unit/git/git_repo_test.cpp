#include "generators/git/git_repo.hpp"

#include <doctest/doctest.h>
#include <git2.h>

#include "generators/change/generation_record.hpp"
#include "generators/changeset.hpp"
#include "generators/workspace.hpp"
#include "tests/unit/test_support.hpp"

using namespace gitopsgen;
using test::Identity;
using test::TempDir;

TEST_CASE("the blobs a commit wrote are known for its own changes, hashed by their maker or not") {
  Identity identity;
  TempDir dir;
  auto repo = GitRepo::create(dir.path, "main");
  DiskWorkspace disk(dir.path);
  ChangeSet changes(disk);
  changes.put("hashed.yaml", "a: 1\n", YamlChecked::no, blob_oid("a: 1\n"));
  changes.put("plain.yaml", "b: 2\n");
  repo.write_commit(changes, "first");
  for (const auto& c : changes.changes()) {
    const auto blob = repo.written_blob(changes, c);
    REQUIRE(blob);
    CHECK(to_hex(*blob) == blob_id(*changes.new_bytes(c)));
    // The blob is in the object database, not only named.
    git_blob* raw = nullptr;
    CHECK(git_blob_lookup(&raw, repo.raw(), &*blob) == 0);
    git_blob_free(raw);
  }
  // Another ChangeSet's changes, even with the same paths, are not the written ones.
  ChangeSet other(disk);
  other.put("hashed.yaml", "a: 1\n", YamlChecked::no, blob_oid("a: 1\n"));
  CHECK_FALSE(repo.written_blob(other, other.changes().front()));
  // After the next commit, only its own changes are.
  ChangeSet next(disk);
  next.put("plain.yaml", "b: 3\n");
  repo.write_commit(next, "second");
  CHECK(to_hex(*repo.written_blob(next, next.changes().front())) == blob_id("b: 3\n"));
  CHECK_FALSE(repo.written_blob(changes, changes.changes().back()));
}
