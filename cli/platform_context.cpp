#include "cli/platform_context.hpp"

#include <chrono>
#include <ostream>

#include "cli/output.hpp"
#include "generators/change/read_snapshot.hpp"

namespace gitopsgen::cli {

std::pair<std::optional<GitRepo>, std::filesystem::path> open_repository(const GlobalOptions& g) {
  auto root = resolve_directory(g);
  auto repo = GitRepo::discover(root);
  if (repo) root = repo->workdir();
  return {std::move(repo), root};
}

PlatformContext open_platform(const GlobalOptions& g) {
  auto [repo, root] = open_repository(g);
  DiskWorkspace workspace(root);
  auto settings = load_settings(workspace);
  return {std::move(repo), root, std::move(workspace), std::move(settings), nullptr};
}

PlatformContext open_repository_for_reading(const GlobalOptions& g, Streams io) {
  auto [repo, root] = open_repository(g);
  PlatformContext platform{std::move(repo), root, DiskWorkspace(root), {}, nullptr};
  if (!platform.repo) return platform;
  const auto timeout = std::chrono::milliseconds(static_cast<long>(g.lock_timeout * 1000));
  auto snapshot = open_for_reading(*platform.repo, timeout);
  platform.head_tree = std::move(snapshot.head_tree);
  // Reading HEAD instead of the disk is said even under -q: the answer is not the work tree's.
  if (!snapshot.note.empty() && (platform.head_tree || !g.quiet))
    io.err << "gitopsgen: " << snapshot.note << "\n";
  return platform;
}

PlatformContext open_platform_for_reading(const GlobalOptions& g, Streams io) {
  auto platform = open_repository_for_reading(g, io);
  platform.settings = load_settings(platform.files());
  return platform;
}

}  // namespace gitopsgen::cli
