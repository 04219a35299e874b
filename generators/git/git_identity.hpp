// Who a commit is by: GIT_AUTHOR_* / GIT_COMMITTER_*, else git config, else a clear error.
#pragma once

#include "generators/git/git_handles.hpp"

namespace gitopsgen::git {

// Author and committer signatures for a new commit in `repo`.
struct Identity {
  Signature author;
  Signature committer;
};

// Resolves the identity like git does: each of name, email and date from its environment
// variable, else user.name / user.email from the repository's config, else throws Error.
Identity resolve_identity(git_repository* repo);

}  // namespace gitopsgen::git
