// `init` end to end: find or create the repository, plan the platform, apply it.
#pragma once

#include <filesystem>

#include "generators/change/apply_changes.hpp"
#include "generators/platform/init_platform.hpp"

namespace gitopsgen {

// Where and how `run_init` works.
struct InitTarget {
  std::filesystem::path dir;            // the repository root to fill or create
  std::string initial_branch = "main";  // HEAD's branch when the repository is created
  // Take the platform's repository URL from the `origin` remote of the repository at `dir`
  // instead of the request's settings (no --repo-url given).
  bool repo_url_from_origin = false;
};

// Scaffolds `request` into `target` (creating the directory and repository when needed) and
// applies it per `options`; over an existing platform, the trust anchor the repository holds is
// kept unless the request gives one; on failure nothing is left behind, not even a created directory.
// With `repo_url_from_origin` and no `origin` remote there, it throws Error before anything.
ApplyResult run_init(const InitTarget& target, const ScaffoldSource& scaffolds,
                     const InitRequest& request, ApplyOptions options);

}  // namespace gitopsgen
