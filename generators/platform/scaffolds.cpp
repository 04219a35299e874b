#include "generators/platform/scaffolds.hpp"

#include <algorithm>

#include "generators/error.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;

ScaffoldSource::ScaffoldSource(std::optional<fs::path> dir) : dir_(std::move(dir)) {
  std::error_code ec;
  if (dir_ && !fs::is_directory(*dir_, ec))
    throw Error("scaffolds directory " + dir_->string() + " does not exist");
}

std::string ScaffoldSource::get(const std::string& path) const {
  if (dir_) {
    std::error_code ec;
    if (!fs::is_regular_file(*dir_ / path, ec))
      throw Error("scaffold " + path + " is missing from " + dir_->string());
    return read_file(*dir_ / path);
  }
  for (const auto& f : embedded_scaffolds()) {
    if (f.path == path) return std::string(f.bytes);
  }
  throw Error("scaffold " + path + " is not embedded in this build");
}

std::vector<std::string> ScaffoldSource::list(const std::string& prefix) const {
  std::vector<std::string> out;
  if (dir_) {
    DiskWorkspace tree(*dir_);
    for (auto& p : tree.list_files("")) {
      if (p.rfind(prefix, 0) == 0) out.push_back(std::move(p));
    }
  } else {
    for (const auto& f : embedded_scaffolds()) {
      if (f.path.substr(0, prefix.size()) == prefix) out.emplace_back(f.path);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ScaffoldSource::origin() const {
  return dir_ ? dir_->string() : "embedded";
}

}  // namespace gitopsgen
