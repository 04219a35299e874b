// Storing many new blobs as one pack file, as `git fast-import` does, instead of a file each.
#pragma once

#include <git2.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "generators/git/blob_writer.hpp"

namespace gitopsgen {

// The ids of `blobs` as blobs, in order, each stored in `repo`'s object database unless it holds
// it already. Those without a known id are hashed, and the new ones compressed, on every core into
// one new pack (whole objects, no deltas: `git gc` finds those later) with its version-2 index;
// both are flushed to disk and renamed into objects/pack only when complete, so a failure or a kill
// leaves at most a temporary file, and the database sees them on return. Throws Error naming the
// blob or the file when one cannot be stored.
std::vector<git_oid> write_blob_pack(git_repository* repo, const std::vector<BlobToStore>& blobs);

}  // namespace gitopsgen
