// Opening the platform repository a command works on.
#pragma once

#include <filesystem>
#include <memory>
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
  // HEAD's tree when a read-only command must not read the disk (another run is writing it).
  std::unique_ptr<Workspace> head_tree;

  // The repository to commit in, or null when there is none.
  GitRepo* git() { return repo ? &*repo : nullptr; }
  // The files a command reads: HEAD's tree when open_platform_for_reading chose it, else the disk.
  const Workspace& files() const {
    if (head_tree) return *head_tree;
    return workspace;
  }
};

// The repository that holds -C's directory (its work-tree root), or the directory itself.
std::pair<std::optional<GitRepo>, std::filesystem::path> open_repository(const GlobalOptions& g);

// The platform at -C's directory; throws Error when there is none.
PlatformContext open_platform(const GlobalOptions& g);

// The repository at -C's directory for a read-only command, never a half-written work tree: an
// interrupted run is recovered first when the lock is free, else HEAD's tree is read; either way
// one line on `io.err` says so. Settings are not loaded (for commands that read no platform).
PlatformContext open_repository_for_reading(const GlobalOptions& g, Streams io);

// open_repository_for_reading plus the platform's settings (read from files()); throws Error
// when there is no platform.
PlatformContext open_platform_for_reading(const GlobalOptions& g, Streams io);

}  // namespace gitopsgen::cli
