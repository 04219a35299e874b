#include "cli/platform_context.hpp"

#include "cli/output.hpp"

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
  return {std::move(repo), root, std::move(workspace), std::move(settings)};
}

}  // namespace gitopsgen::cli
