#include "generators/change/path_safety.hpp"

#include <sys/stat.h>

#include <set>

#include "generators/error.hpp"
#include "generators/parallel_map.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& path, const fs::path& root) {
  const auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return r == root.end();
}

}  // namespace

void check_paths_stay_inside(const fs::path& root, const ChangeSet& changes) {
  std::error_code ec;
  const fs::path real_root = fs::canonical(root, ec);
  if (ec) throw Error("cannot resolve " + root.string() + ": " + ec.message());
  const auto& all = changes.changes();
  // One lstat per file, on every core; the directories, few and shared, on this thread below.
  const auto is_link = parallel_map<char>(all.size(), [&](std::size_t i) {
    struct stat st {};
    const fs::path target = root / all[i].path;
    return static_cast<char>(::lstat(target.c_str(), &st) == 0 && S_ISLNK(st.st_mode));
  });
  std::set<std::string> safe_dirs;  // directories already proven to stay inside
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& change = all[i];
    if (is_link[i]) throw Error("refusing to write " + change.path + ": it is a symbolic link");
    std::string dir;
    const fs::path parents = fs::path(change.path).parent_path();
    for (const auto& part : parents) {
      dir += (dir.empty() ? "" : "/") + part.string();
      if (!safe_dirs.insert(dir).second) continue;
      const fs::path on_disk = root / dir;
      struct stat st {};
      if (::lstat(on_disk.c_str(), &st) != 0) break;  // created by the change, inside by design
      if (!S_ISLNK(st.st_mode)) continue;
      const fs::path resolved = fs::canonical(on_disk, ec);
      if (ec || !inside(resolved, real_root))
        throw Error("refusing to write " + change.path + ": " + dir +
                    " is a symbolic link leading outside the repository");
    }
  }
}

}  // namespace gitopsgen
