// Writing a ChangeSet to a work tree all or nothing: each file atomically, undone on failure.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "generators/changeset.hpp"

namespace gitopsgen {

// Applies file changes under a root directory and can put every byte back as it was.
class DiskTransaction {
 public:
  // A transaction on the work tree at `root`; new contents are written in `temp_dir` first (on
  // the same file system, e.g. inside the git directory) so that no half-written file ever
  // appears in the work tree, or beside their targets when it is empty.
  explicit DiskTransaction(std::filesystem::path root, std::filesystem::path temp_dir = {})
      : root_(std::move(root)), temp_dir_(std::move(temp_dir)) {}
  // Writes every change (temp file + rename, parents created); on failure undoes what it did
  // and throws Error. `changes` must outlive any later rollback, which reads its old bytes.
  void apply(const ChangeSet& changes);
  // Restores every file and removes every directory this transaction touched.
  void rollback() noexcept;

 private:
  std::filesystem::path root_;
  std::filesystem::path temp_dir_;
  std::vector<const FileChange*> done_;  // into the applied ChangeSet: the files it touched
  std::vector<std::filesystem::path> created_dirs_;
};

// Writes `bytes` to `path` through a temporary file and a rename, so readers see the old file or
// the new one, never a half-written one; the temporary file is made in `temp_dir` when given (and
// on the same file system), else beside `path`. The file takes `mode` when given, else the mode
// of the file it replaces, or 0644 when there is none. Throws Error.
void write_file_atomically(const std::filesystem::path& path, const std::string& bytes,
                           const std::filesystem::path& temp_dir = {},
                           std::optional<unsigned> mode = std::nullopt);

// Hands each piece of a file's bytes on, in order.
using ByteSink = std::function<void(std::string_view piece)>;

// Writes to `path`, as the function above, the bytes `produce` hands its sink piece by piece (a
// large file is never whole in memory); `produce` may be called again, to start over.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(const ByteSink& sink)>& produce);

}  // namespace gitopsgen
