// Writing a ChangeSet to a work tree all or nothing: each file atomically, undone on failure.
#pragma once

#include <filesystem>
#include <vector>

#include "generators/changeset.hpp"

namespace gitopsgen {

// Applies file changes under a root directory and can put every byte back as it was.
class DiskTransaction {
 public:
  // A transaction on the work tree at `root`.
  explicit DiskTransaction(std::filesystem::path root) : root_(std::move(root)) {}
  // Writes every change (temp file + rename, parents created); on failure undoes what it did
  // and throws Error.
  void apply(const ChangeSet& changes);
  // Restores every file and removes every directory this transaction touched.
  void rollback() noexcept;

 private:
  std::filesystem::path root_;
  std::vector<FileChange> done_;
  std::vector<std::filesystem::path> created_dirs_;
};

// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so
// readers see the old file or the new one, never a half-written one; throws Error.
void write_file_atomically(const std::filesystem::path& path, const std::string& bytes);

}  // namespace gitopsgen
