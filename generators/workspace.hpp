// Read access to the files of a platform repository, on disk or in memory.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gitopsgen {

// The files of a repository as generators see them: paths are relative, '/'-separated.
class Workspace {
 public:
  virtual ~Workspace() = default;
  // The bytes of the file at `path`, or nothing when no regular file is there.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  // True when `path` names a directory.
  virtual bool is_directory(const std::string& path) const = 0;
  // Every regular file under `dir` ("" for the root), recursively, sorted; `.git` excluded.
  virtual std::vector<std::string> list_files(const std::string& dir) const = 0;
  // The names of the entries directly in `dir` ("" for the root), each folded to ASCII lower
  // case, sorted: read finds no file at a path whose folded name is not among them. Empty when
  // `dir` is no directory; nothing when this workspace cannot list cheaply.
  virtual std::optional<std::vector<std::string>> folded_entry_names(const std::string& dir) const {
    (void)dir;
    return std::nullopt;
  }
  // True when read may be called from several threads at once.
  virtual bool reads_concurrently() const { return false; }
};

// A Workspace over a directory on disk.
class DiskWorkspace : public Workspace {
 public:
  // Reads the tree rooted at `root`.
  explicit DiskWorkspace(std::filesystem::path root) : root_(std::move(root)) {}
  std::optional<std::string> read(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  std::vector<std::string> list_files(const std::string& dir) const override;
  std::optional<std::vector<std::string>> folded_entry_names(const std::string& dir) const override;
  bool reads_concurrently() const override { return true; }
  // The directory this workspace reads.
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

// A Workspace held in memory, for unit tests.
class MemoryWorkspace : public Workspace {
 public:
  // Creates or replaces the file at `path`.
  void put(const std::string& path, std::string bytes) { files_[path] = std::move(bytes); }
  // Deletes the file at `path`, if any.
  void remove(const std::string& path) { files_.erase(path); }
  std::optional<std::string> read(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  std::vector<std::string> list_files(const std::string& dir) const override;
  bool reads_concurrently() const override { return true; }

 private:
  std::map<std::string, std::string> files_;
};

// `name` in ASCII lower case, as folded_entry_names lists names.
std::string folded_name(std::string name);

// Reads a whole file from disk; throws Error when it cannot.
std::string read_file(const std::filesystem::path& path);

}  // namespace gitopsgen
