// Storing many blobs at once without libgit2's per-object rescan of the pack directory.
#pragma once

#include <git2.h>
#include <git2/sys/odb_backend.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "generators/git/git_handles.hpp"

namespace gitopsgen {

// A blob to store: its bytes (or, for bytes kept out of memory, how to load them), the name
// errors give, and its id when whoever made the bytes already hashed them (else null: it is
// hashed here).
struct BlobToStore {
  std::string_view bytes;
  const std::string* name;
  const git_oid* id = nullptr;
  std::function<std::string()> load;  // when set, the bytes are what it returns, not `bytes`
};

// The bytes of `blob`: its view, or what its load returns, kept in `loaded`.
std::string_view bytes_of(const BlobToStore& blob, std::string& loaded);

// Writes blobs into a repository's object database. git_odb_write re-reads the pack directory
// for every object it does not find (that is, for every new one); this writer looks each object
// up without that rescan and hands a new one straight to the backend that stores it.
class BlobWriter {
 public:
  // A writer into `repo`'s object database; new blobs go to loose object files as `git commit`
  // writes them.
  explicit BlobWriter(git_repository* repo);
  ~BlobWriter();
  BlobWriter(const BlobWriter&) = delete;
  BlobWriter& operator=(const BlobWriter&) = delete;

  // The id of `blob`'s bytes as a blob, stored unless the database holds it already; throws
  // Error naming the blob when it cannot be stored.
  git_oid write(const BlobToStore& blob);

  // write for each of `blobs`, in order, returning their ids; they are hashed, compressed and
  // stored on every core (the object database locks itself; each loose write touches only its
  // own files).
  std::vector<git_oid> write_all(const std::vector<BlobToStore>& blobs);

 private:
  std::unique_ptr<git_odb, git::Deleter<git_odb, git_odb_free>> odb_;
  git_odb_backend* loose_ = nullptr;  // owned
};

}  // namespace gitopsgen
