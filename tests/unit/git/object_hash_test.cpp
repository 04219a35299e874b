#include "generators/git/object_hash.hpp"

#include <doctest/doctest.h>
#include <git2.h>

#include <string>

#include "generators/git/git_handles.hpp"

namespace {

std::string hex(const git_oid& id) {
  char out[GIT_OID_HEXSZ + 1];
  git_oid_tostr(out, sizeof out, &id);
  return out;
}

}  // namespace

TEST_CASE("blob_hash gives git's blob ids, as libgit2 computes them, at every size") {
  gitopsgen::git::ensure_libgit2();
  // The empty blob and "hello\n" have ids every git user can check with `git hash-object`.
  CHECK(hex(gitopsgen::git::blob_hash("")) == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  CHECK(hex(gitopsgen::git::blob_hash("hello\n")) == "ce013625030ba8dba906f756967f9e9ca394464a");
  // Sizes around SHA-1's 64-byte blocks and its 56-byte padding limit, and a large one.
  for (std::size_t size : {1, 55, 56, 57, 63, 64, 65, 119, 120, 4096, 1000003}) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(i * 131 + 7);
    git_oid want;
    REQUIRE(git_odb_hash(&want, bytes.data(), bytes.size(), GIT_OBJECT_BLOB) == 0);
    CAPTURE(size);
    CHECK(hex(gitopsgen::git::blob_hash(bytes)) == hex(want));
  }
}

TEST_CASE("Sha1 digests a stream fed in pieces as the whole") {
  gitopsgen::git::Sha1 sum;
  sum.update("a", 1);
  sum.update("bc", 2);
  const auto digest = sum.finish();
  std::string got;
  for (const auto byte : digest) {
    static const char* const digits = "0123456789abcdef";
    got += digits[byte >> 4];
    got += digits[byte & 15];
  }
  // FIPS 180-2's test vector for "abc".
  CHECK(got == "a9993e364706816aba3e25717850c26c9cd0d89d");
}
