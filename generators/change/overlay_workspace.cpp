#include "generators/change/overlay_workspace.hpp"

#include <algorithm>
#include <set>

namespace gitopsgen {

std::optional<std::string> OverlayWorkspace::read(const std::string& path) const {
  return changes_.read_after(path);
}

bool OverlayWorkspace::is_directory(const std::string& path) const {
  return !list_files(path).empty() || base_.is_directory(path);
}

std::vector<std::string> OverlayWorkspace::list_files(const std::string& dir) const {
  const std::string prefix = dir.empty() ? "" : dir + "/";
  auto base = base_.list_files(dir);
  std::set<std::string> files(base.begin(), base.end());
  for (const auto& c : changes_.changes()) {
    if (c.path.rfind(prefix, 0) != 0) continue;
    if (c.writes())
      files.insert(c.path);
    else
      files.erase(c.path);
  }
  return {files.begin(), files.end()};
}

}  // namespace gitopsgen
