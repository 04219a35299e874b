#include "generators/change/disk_transaction.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "generators/change/crash_point.hpp"
#include "generators/error.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;

namespace {

// Creates a temporary file for `path` in `dir`; returns its descriptor and fills `temp`.
int make_temp(const fs::path& dir, const fs::path& path, std::string& temp) {
  // A hidden name: measured on ext4, `.name.XXXX` then rename costs a fifth of `name.XXXX` in a
  // directory of thousands of files.
  temp = (dir / ("." + path.filename().string() + ".gitopsgen-XXXXXX")).string();
  return mkstemp(temp.data());
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& bytes,
                           const fs::path& temp_dir) {
  std::string temp;
  const int fd = make_temp(temp_dir.empty() ? path.parent_path() : temp_dir, path, temp);
  if (fd < 0) throw Error("cannot write " + path.string() + ": " + std::strerror(errno));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw Error("cannot write " + path.string() + ": " + std::strerror(saved));
    }
    written += static_cast<std::size_t>(n);
  }
  crash_point("temp-written");
  struct stat st {};
  const mode_t mode = ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
  if (::fchmod(fd, mode) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    throw Error("cannot write " + path.string() + ": " + std::strerror(saved));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    // Another file system: fall back to a temporary file beside the target.
    if (saved == EXDEV && !temp_dir.empty()) return write_file_atomically(path, bytes);
    throw Error("cannot write " + path.string() + ": " + std::strerror(saved));
  }
}

void DiskTransaction::apply(const ChangeSet& changes) {
  // Directories seen to exist (or made) by this run: a thousand files of one directory need one
  // look at it, not a thousand.
  std::set<fs::path> present;
  try {
    for (const auto& change : changes.changes()) {
      const fs::path target = root_ / change.path;
      if (change.new_bytes) {
        // Record each directory we create, outermost first, so rollback can remove them.
        std::vector<fs::path> missing;
        auto dir = target.parent_path();
        for (; !present.count(dir) && !fs::exists(dir); dir = dir.parent_path())
          missing.push_back(dir);
        present.insert(target.parent_path());
        for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
          std::error_code ec;
          fs::create_directory(*it, ec);
          if (ec) throw Error("cannot create " + it->string() + ": " + ec.message());
          created_dirs_.push_back(*it);
        }
        done_.push_back(change);
        write_file_atomically(target, *change.new_bytes, temp_dir_);
      } else {
        done_.push_back(change);
        std::error_code ec;
        fs::remove(target, ec);
        if (ec) throw Error("cannot remove " + target.string() + ": " + ec.message());
      }
      crash_point("file");
    }
  } catch (...) {
    rollback();
    throw;
  }
}

void DiskTransaction::rollback() noexcept {
  for (auto it = done_.rbegin(); it != done_.rend(); ++it) {
    const fs::path target = root_ / it->path;
    try {
      if (it->old_bytes) {
        write_file_atomically(target, *it->old_bytes);
      } else {
        std::error_code ec;
        fs::remove(target, ec);
      }
    } catch (...) {
      // Best effort: keep restoring the others.
    }
  }
  for (auto it = created_dirs_.rbegin(); it != created_dirs_.rend(); ++it) {
    std::error_code ec;
    fs::remove(*it, ec);  // only removes it when empty
  }
  done_.clear();
  created_dirs_.clear();
}

}  // namespace gitopsgen
