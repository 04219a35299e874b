#include "generators/changeset.hpp"

#include <algorithm>
#include <mutex>

#include "generators/error.hpp"

namespace gitopsgen {

namespace {

// True for ".git" in any letter case (it is the git directory on case-insensitive file systems).
bool is_git_dir_name(const std::string& part) {
  return part.size() == 4 && part[0] == '.' && (part[1] | 0x20) == 'g' && (part[2] | 0x20) == 'i' &&
         (part[3] | 0x20) == 't';
}

}  // namespace

void require_repository_path(const std::string& path) {
  for (const unsigned char c : path)
    if (c < 0x20 || c == 0x7f) throw Error("invalid repository path: it holds a control character");
  if (path.empty() || path.front() == '/' || path.back() == '/')
    throw Error("invalid repository path '" + path + "'");
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    const auto part = path.substr(start, slash - start);
    if (part.empty() || part == "." || part == ".." || is_git_dir_name(part))
      throw Error("invalid repository path '" + path + "'");
    start = slash + 1;
  }
}

// Misses in one directory before its names are listed: a command that looks up a few files in a
// directory of thousands does not pay for listing it.
constexpr std::size_t kListAfterMisses = 64;

struct ChangeSet::Lookups {
  struct Dir {
    std::size_t misses = 0;
    bool listed = false;
    std::vector<std::string> folded;  // the base's folded entry names, when listed
  };
  std::mutex mutex;
  std::unordered_map<std::string, Dir> dirs;
};

ChangeSet::ChangeSet(const Workspace& base) : base_(&base), lookups_(std::make_shared<Lookups>()) {}

ChangeSet::ChangeSet(const ChangeSet& other)
    : base_(other.base_),
      changes_(other.changes_),
      lookups_(other.lookups_),
      hold_limit_(other.hold_limit_),
      held_(other.held_),
      spill_(other.spill_),
      spill_unavailable_(other.spill_unavailable_) {
  reindex();
}

ChangeSet& ChangeSet::operator=(const ChangeSet& other) {
  if (this != &other) *this = ChangeSet(other);
  return *this;
}

void ChangeSet::reindex() {
  index_.clear();
  index_.reserve(changes_.size());
  for (std::size_t i = 0; i < changes_.size(); ++i) index_.emplace(changes_[i].path, i);
}

std::optional<std::string> ChangeSet::base_read(const std::string& path) const {
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash);
  const auto name = folded_name(slash == std::string::npos ? path : path.substr(slash + 1));
  {
    const std::lock_guard lock(lookups_->mutex);
    const auto& d = lookups_->dirs[dir];
    if (d.listed && !std::binary_search(d.folded.begin(), d.folded.end(), name))
      return std::nullopt;
  }
  auto bytes = base_->read(path);
  if (!bytes) {
    const std::lock_guard lock(lookups_->mutex);
    auto& d = lookups_->dirs[dir];
    if (!d.listed && ++d.misses == kListAfterMisses) {
      if (auto folded = base_->folded_entry_names(dir)) {
        d.folded = std::move(*folded);
        d.listed = true;
      }
    }
  }
  return bytes;
}

FileChange* ChangeSet::find(const std::string& path) {
  const auto it = index_.find(path);
  return it == index_.end() ? nullptr : &changes_[it->second];
}

void ChangeSet::erase(FileChange* change) {
  const auto position = index_.at(change->path);
  changes_.erase(changes_.begin() + static_cast<std::ptrdiff_t>(position));
  // The changes after it moved, and the index's views of their paths with them.
  reindex();
}

void ChangeSet::put(const std::string& path, std::string bytes, YamlChecked checked,
                    const std::optional<git_oid>& id) {
  require_repository_path(path);
  const bool yaml_checked = checked == YamlChecked::yes;
  if (auto* existing = find(path)) {
    if (bytes == existing->old_bytes) return erase(existing);
    store(*existing, std::move(bytes));
    existing->yaml_checked = yaml_checked;
    existing->new_id = id;
    return;
  }
  record(path, base_read(path), std::move(bytes), yaml_checked, id);
}

void ChangeSet::replace(const std::string& path, const std::string& read, std::string bytes,
                        YamlChecked checked, const std::optional<git_oid>& id) {
  if (find(path)) return put(path, std::move(bytes), checked, id);
  require_repository_path(path);
  record(path, read, std::move(bytes), checked == YamlChecked::yes, id);
}

void ChangeSet::record(const std::string& path, std::optional<std::string> old, std::string bytes,
                       bool yaml_checked, const std::optional<git_oid>& id) {
  if (old == bytes) return;
  changes_.push_back({path, std::move(old), std::nullopt, std::nullopt, yaml_checked, id});
  index_.emplace(changes_.back().path, changes_.size() - 1);
  store(changes_.back(), std::move(bytes));
}

void ChangeSet::store(FileChange& change, std::string bytes) {
  change.held.reset();
  change.spilled.reset();
  if (!bytes.empty() && held_ + bytes.size() > hold_limit_ && !spill_unavailable_) {
    try {
      if (!spill_) spill_ = std::make_shared<SpillFile>(std::filesystem::temp_directory_path());
      change.spilled = spill_->append(bytes);
      return;
    } catch (const std::exception&) {
      spill_unavailable_ = true;  // no temporary directory, or it is full: hold them instead
    }
  }
  held_ += bytes.size();
  change.held = std::move(bytes);
}

void ChangeSet::remove(const std::string& path) {
  require_repository_path(path);
  if (auto* existing = find(path)) {
    if (!existing->old_bytes) {
      erase(existing);
    } else {
      existing->held.reset();
      existing->spilled.reset();
      existing->new_id.reset();
    }
    return;
  }
  auto old = base_read(path);
  if (!old) return;
  changes_.push_back({path, std::move(old), std::nullopt, std::nullopt, false, std::nullopt});
  index_.emplace(changes_.back().path, changes_.size() - 1);
}

std::optional<std::string> ChangeSet::read_after(const std::string& path) const {
  const auto it = index_.find(path);
  if (it != index_.end()) return new_bytes(changes_[it->second]);
  return base_read(path);
}

std::optional<std::string> ChangeSet::new_bytes(const FileChange& change) const {
  if (change.spilled) return spill_->read(*change.spilled);
  return change.held;
}

}  // namespace gitopsgen
