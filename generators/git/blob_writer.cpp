#include "generators/git/blob_writer.hpp"

#include "generators/error.hpp"
#include "generators/git/object_hash.hpp"
#include "generators/parallel_map.hpp"

namespace gitopsgen {
using git::check;

BlobWriter::BlobWriter(git_repository* repo) {
  git_odb* raw = nullptr;
  check(git_repository_odb(&raw, repo), "cannot open the object database");
  odb_.reset(raw);
  git_buf objects = GIT_BUF_INIT;
  check(git_repository_item_path(&objects, repo, GIT_REPOSITORY_ITEM_OBJECTS),
        "cannot find the objects directory");
  // The settings libgit2's own loose backend uses: default (fastest) compression, default modes.
  const int rc = git_odb_backend_loose(&loose_, objects.ptr, -1, 0, 0, 0);
  git_buf_dispose(&objects);
  check(rc, "cannot open the loose object store");
}

BlobWriter::~BlobWriter() {
  if (loose_) loose_->free(loose_);
}

std::string_view bytes_of(const BlobToStore& blob, std::string& loaded) {
  if (!blob.load) return blob.bytes;
  loaded = blob.load();
  return loaded;
}

git_oid BlobWriter::write(const BlobToStore& blob) {
  std::string loaded;
  const auto bytes = bytes_of(blob, loaded);
  const auto* what = blob.name;
  const auto* known = blob.id;
  git_oid id;
  if (known)
    id = *known;
  else
    id = git::blob_hash(bytes);
  // Without a rescan, an object packed by another process a moment ago may be written loose
  // again: a harmless duplicate, as git itself may write.
  if (git_odb_exists_ext(odb_.get(), &id, GIT_ODB_LOOKUP_NO_REFRESH) == 1) return id;
  check(loose_->write(loose_, &id, bytes.data(), bytes.size(), GIT_OBJECT_BLOB),
        "cannot store " + *what);
  return id;
}

std::vector<git_oid> BlobWriter::write_all(const std::vector<BlobToStore>& blobs) {
  return parallel_map<git_oid>(blobs.size(), [&](std::size_t i) { return write(blobs[i]); });
}

}  // namespace gitopsgen
