// The change a command makes to a repository, computed in memory before anything is written.
#pragma once

#include <git2/oid.h>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "generators/spill_file.hpp"
#include "generators/workspace.hpp"

namespace gitopsgen {

// Whether a command may replace what already exists (a platform, a service).
enum class Overwrite { no, yes };

// Whether whoever made a file's new bytes has already parsed them as YAML and read them back.
enum class YamlChecked { no, yes };

// One file's change: absent old bytes mean a new file, absent new bytes a deletion. The new
// bytes are held in memory or spilled to the ChangeSet's SpillFile (ChangeSet::new_bytes reads
// either).
struct FileChange {
  std::string path;
  std::optional<std::string> old_bytes;
  std::optional<std::string> held;    // the new bytes, when held in memory
  std::optional<SpillRange> spilled;  // where the new bytes are instead, when spilled
  bool yaml_checked = false;          // the new bytes were parsed and read back by their maker
  std::optional<git_oid> new_id;      // the new bytes' blob id, when their maker hashed them
  // True when the change writes the file; false when it deletes it.
  bool writes() const { return held || spilled; }
};

// An ordered set of file changes against one Workspace; unchanged files are never recorded.
class ChangeSet {
 public:
  // Starts an empty change against `base`, which supplies every file's old bytes.
  explicit ChangeSet(const Workspace& base);
  // A copy of `other`'s changes against the same base, sharing its spill file.
  ChangeSet(const ChangeSet& other);
  // Makes this a copy of `other`, as the copy constructor does.
  ChangeSet& operator=(const ChangeSet& other);
  ChangeSet(ChangeSet&&) noexcept = default;
  ChangeSet& operator=(ChangeSet&&) noexcept = default;
  // Sets the file at `path` to `bytes`; a no-op when it already holds exactly those bytes.
  // `checked` says the caller already parsed `bytes` and read its values back, so the checks
  // before writing need not parse them again; `id`, when given, is the git blob id of `bytes`,
  // so the commit need not hash them again.
  void put(const std::string& path, std::string bytes, YamlChecked checked = YamlChecked::no,
           const std::optional<git_oid>& id = std::nullopt);
  // As put, for a file whose bytes `read` the caller has just had from read_after(path) or the
  // base: they stand for the old bytes, so the file is not read again.
  void replace(const std::string& path, const std::string& read, std::string bytes,
               YamlChecked checked, const std::optional<git_oid>& id = std::nullopt);
  // Deletes the file at `path`; a no-op when there is none.
  void remove(const std::string& path);
  // The recorded changes, in the order first made (a deque: 70,000 of them grow without being
  // moved, and each stays where it is until one before it is erased).
  const std::deque<FileChange>& changes() const { return changes_; }
  // True when nothing would change.
  bool empty() const { return changes_.empty(); }
  // The file's bytes as they will be after this change (the base's where untouched).
  std::optional<std::string> read_after(const std::string& path) const;
  // The new bytes of `change`, one of this set's, read back when spilled; nothing for a
  // deletion. Safe from several threads at once; throws Error when spilled bytes cannot be read.
  std::optional<std::string> new_bytes(const FileChange& change) const;
  // Holds at most about `bytes` of new contents in memory (kHeldBytes unless set): contents
  // given beyond that wait in an unnamed temporary file in the system's temporary directory,
  // so that a bulk change of 70,000 files is planned in bounded memory. Where no such file can
  // be made or written, contents are held after all.
  void hold_at_most(std::size_t bytes) { hold_limit_ = bytes; }
  // The default of hold_at_most: a change of a few thousand files is held whole.
  static constexpr std::size_t kHeldBytes = std::size_t{8} << 20;

 private:
  struct Lookups;
  FileChange* find(const std::string& path);
  // The base's bytes at `path`. Where lookups keep missing in one directory (a bulk change
  // creating thousands of files), its names are listed once, and a path they lack is answered
  // without touching the base: the base does not change while a change is planned on it.
  std::optional<std::string> base_read(const std::string& path) const;
  // Records `path` going from the base's `old` to `bytes`, or nothing when they are the same.
  void record(const std::string& path, std::optional<std::string> old, std::string bytes,
              bool yaml_checked, const std::optional<git_oid>& id = std::nullopt);
  void erase(FileChange* change);
  // Builds index_ anew from changes_.
  void reindex();
  // Sets `change`'s new bytes to `bytes`, held or spilled as hold_at_most says.
  void store(FileChange& change, std::string bytes);
  const Workspace* base_;
  std::deque<FileChange> changes_;
  // path (a view of the change's own path) → position in changes_
  std::unordered_map<std::string_view, std::size_t> index_;
  std::shared_ptr<Lookups> lookups_;  // shared by copies: the same base
  std::size_t hold_limit_ = kHeldBytes;
  std::size_t held_ = 0;              // new bytes given to be held so far
  std::shared_ptr<SpillFile> spill_;  // made at the first spill; shared by copies
  bool spill_unavailable_ = false;    // making or writing it failed: hold everything
};

// Throws Error unless `path` is a clean relative path inside the repository (no `..`, no
// absolute path, no `.git` in any letter case, no control character).
void require_repository_path(const std::string& path);

}  // namespace gitopsgen
