// Opening the platform repository a command works on.
#pragma once

#include <filesystem>
#include <optional>

#include "cli/app.hpp"
#include "generators/git/git_repo.hpp"
#include "generators/platform/settings.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen::cli {

// The repository (when the directory is in one), its root, its files and its settings.
struct PlatformContext {
  std::optional<GitRepo> repo;
  std::filesystem::path root;
  DiskWorkspace workspace;
  PlatformSettings settings;

  // The repository to commit in, or null when there is none.
  GitRepo* git() { return repo ? &*repo : nullptr; }
};

// The repository that holds -C's directory (its work-tree root), or the directory itself.
std::pair<std::optional<GitRepo>, std::filesystem::path> open_repository(const GlobalOptions& g);

// The platform at -C's directory; throws Error when there is none.
PlatformContext open_platform(const GlobalOptions& g);

}  // namespace gitopsgen::cli
