// `rollback`: an environment back to an image it ran before, found in the git history.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "generators/git/git_repo.hpp"
#include "generators/release/release.hpp"

namespace gitopsgen {

// What `rollback` asks for.
struct RollbackRequest {
  std::string service;
  std::string env;
  std::optional<std::string> to;  // this tag, which the environment ran before (unless force)
  std::size_t steps = 1;          // else this many distinct images back from the current one
  bool force = false;             // allow a `to` the environment never ran
};

// The edit that puts `service` in `env` back to an image it ran before: the one `steps` distinct
// images back, or the newest it ran with tag `to` (its repository then too), read from `repo`'s
// history along first parents, applied to `work` byte-exactly as set-image does; throws Error
// when the environment ran no such image (naming those it ran), and as plan_set_image does.
ReleasePlan plan_rollback(GitRepo& repo, const Workspace& work, const PlatformSettings& settings,
                          const RollbackRequest& request);

}  // namespace gitopsgen
