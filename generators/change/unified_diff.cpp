#include "generators/change/unified_diff.hpp"

#include "generators/git/git_handles.hpp"

namespace gitopsgen {

std::string unified_diff(const ChangeSet& changes) {
  git::ensure_libgit2();
  std::string out;
  for (const auto& change : changes.changes()) {
    const auto new_bytes = changes.new_bytes(change);
    git_patch* raw = nullptr;
    git::check(git_patch_from_buffers(&raw, change.old_bytes ? change.old_bytes->data() : nullptr,
                                      change.old_bytes ? change.old_bytes->size() : 0,
                                      change.old_bytes ? change.path.c_str() : nullptr,
                                      new_bytes ? new_bytes->data() : nullptr,
                                      new_bytes ? new_bytes->size() : 0,
                                      new_bytes ? change.path.c_str() : nullptr, nullptr),
               "cannot diff " + change.path);
    git::Patch patch(raw);
    git_buf buf = GIT_BUF_INIT;
    git::check(git_patch_to_buf(&buf, patch.get()), "cannot diff " + change.path);
    out.append(buf.ptr, buf.size);
    git_buf_dispose(&buf);
  }
  return out;
}

}  // namespace gitopsgen
