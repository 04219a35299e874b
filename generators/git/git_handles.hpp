// RAII ownership of libgit2 handles and turning libgit2 failures into one-line errors.
#pragma once

#include <git2.h>

#include <memory>
#include <string>

namespace gitopsgen::git {

// Deleter calling the matching git_*_free for a libgit2 handle type.
template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const {
    if (p) Free(p);
  }
};

using Repository = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using Index = std::unique_ptr<git_index, Deleter<git_index, git_index_free>>;
using Tree = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using Commit = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using Reference = std::unique_ptr<git_reference, Deleter<git_reference, git_reference_free>>;
using Signature = std::unique_ptr<git_signature, Deleter<git_signature, git_signature_free>>;
using Config = std::unique_ptr<git_config, Deleter<git_config, git_config_free>>;
using Patch = std::unique_ptr<git_patch, Deleter<git_patch, git_patch_free>>;

// Initialises libgit2 once per process; every entry point of the git layer calls it.
void ensure_libgit2();

// Throws Error "<what>: <libgit2's message>" when `code` is negative; `code` otherwise.
int check(int code, const std::string& what);

// The message of libgit2's last error, or a generic text when there is none.
std::string last_error_message();

}  // namespace gitopsgen::git
