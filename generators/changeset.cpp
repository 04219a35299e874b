#include "generators/changeset.hpp"

#include <algorithm>

#include "generators/error.hpp"

namespace gitopsgen {

void require_repository_path(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.back() == '/')
    throw Error("invalid repository path '" + path + "'");
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    const auto part = path.substr(start, slash - start);
    if (part.empty() || part == "." || part == ".." || part == ".git")
      throw Error("invalid repository path '" + path + "'");
    start = slash + 1;
  }
}

FileChange* ChangeSet::find(const std::string& path) {
  auto it = std::find_if(changes_.begin(), changes_.end(),
                         [&](const FileChange& c) { return c.path == path; });
  return it == changes_.end() ? nullptr : &*it;
}

void ChangeSet::put(const std::string& path, std::string bytes) {
  require_repository_path(path);
  if (auto* existing = find(path)) {
    existing->new_bytes = std::move(bytes);
    if (existing->new_bytes == existing->old_bytes) {
      changes_.erase(changes_.begin() + (existing - changes_.data()));
    }
    return;
  }
  auto old = base_->read(path);
  if (old == bytes) return;
  changes_.push_back({path, std::move(old), std::move(bytes)});
}

void ChangeSet::remove(const std::string& path) {
  require_repository_path(path);
  if (auto* existing = find(path)) {
    if (!existing->old_bytes) {
      changes_.erase(changes_.begin() + (existing - changes_.data()));
    } else {
      existing->new_bytes.reset();
    }
    return;
  }
  auto old = base_->read(path);
  if (old) changes_.push_back({path, std::move(old), std::nullopt});
}

std::optional<std::string> ChangeSet::read_after(const std::string& path) const {
  for (const auto& c : changes_) {
    if (c.path == path) return c.new_bytes;
  }
  return base_->read(path);
}

}  // namespace gitopsgen
