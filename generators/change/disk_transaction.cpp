#include "generators/change/disk_transaction.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "generators/change/crash_point.hpp"
#include "generators/error.hpp"
#include "generators/parallel_map.hpp"

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

namespace {

// A write that failed, with its errno: the temporary file is removed before it is reported.
struct WriteFailed {
  int error;
};

// Writes to `path` atomically what `produce` hands on; see write_file_atomically.
void write_produced(const fs::path& path, const std::function<void(const ByteSink&)>& produce,
                    const fs::path& temp_dir, std::optional<unsigned> mode) {
  std::string temp;
  const int fd = make_temp(temp_dir.empty() ? path.parent_path() : temp_dir, path, temp);
  if (fd < 0) throw Error("cannot write " + path.string() + ": " + std::strerror(errno));
  const ByteSink sink = [fd](std::string_view piece) {
    std::size_t written = 0;
    while (written < piece.size()) {
      const auto n = ::write(fd, piece.data() + written, piece.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw WriteFailed{errno};
      written += static_cast<std::size_t>(n);
    }
  };
  try {
    produce(sink);
  } catch (const WriteFailed& failed) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw Error("cannot write " + path.string() + ": " + std::strerror(failed.error));
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  crash_point("temp-written");
  if (!mode) {
    struct stat st {};
    mode = ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
  }
  if (::fchmod(fd, static_cast<mode_t>(*mode)) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    throw Error("cannot write " + path.string() + ": " + std::strerror(saved));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    // Another file system: fall back to a temporary file beside the target.
    if (saved == EXDEV && !temp_dir.empty()) return write_produced(path, produce, {}, mode);
    throw Error("cannot write " + path.string() + ": " + std::strerror(saved));
  }
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& bytes, const fs::path& temp_dir,
                           std::optional<unsigned> mode) {
  write_produced(
      path, [&bytes](const ByteSink& sink) { sink(bytes); }, temp_dir, mode);
}

void write_file_atomically(const fs::path& path,
                           const std::function<void(const ByteSink& sink)>& produce) {
  write_produced(path, produce, {}, std::nullopt);
}

void DiskTransaction::apply(const ChangeSet& changes) {
  const auto& all = changes.changes();
  std::vector<char> attempted(all.size(), 0);
  try {
    // Directories first, on this thread. Each one seen to exist (or made) is looked at once, and
    // each one made is recorded, outermost first, so that rollback can remove it.
    std::set<fs::path> present;
    for (const auto& change : all) {
      if (!change.writes()) continue;
      const auto parent = (root_ / change.path).parent_path();
      std::vector<fs::path> missing;
      for (auto dir = parent; !present.count(dir) && !fs::exists(dir); dir = dir.parent_path())
        missing.push_back(dir);
      present.insert(parent);
      for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        std::error_code ec;
        fs::create_directory(*it, ec);
        if (ec) throw Error("cannot create " + it->string() + ": " + ec.message());
        created_dirs_.push_back(*it);
        present.insert(*it);
      }
    }
    // Then the files, on every core: each is its own temporary file and rename. Every file is
    // tried even when one fails; the lowest failure is thrown, as a loop would have thrown it.
    parallel_map<char>(all.size(), [&](std::size_t i) {
      const auto& change = all[i];
      const fs::path target = root_ / change.path;
      attempted[i] = 1;
      if (change.writes()) {
        // A new file (none was there when the change was planned) needs no look for a mode.
        const auto mode = change.old_bytes ? std::nullopt : std::optional<unsigned>(0644);
        if (change.held)
          write_file_atomically(target, *change.held, temp_dir_, mode);
        else
          write_file_atomically(target, *changes.new_bytes(change), temp_dir_, mode);
      } else {
        std::error_code ec;
        fs::remove(target, ec);
        if (ec) throw Error("cannot remove " + target.string() + ": " + ec.message());
      }
      crash_point("file");
      return char{0};
    });
  } catch (...) {
    for (std::size_t i = 0; i < all.size(); ++i)
      if (attempted[i]) done_.push_back(&all[i]);
    rollback();
    throw;
  }
  for (const auto& change : all) done_.push_back(&change);
}

void DiskTransaction::rollback() noexcept {
  for (auto it = done_.rbegin(); it != done_.rend(); ++it) {
    const fs::path target = root_ / (*it)->path;
    try {
      if ((*it)->old_bytes) {
        write_file_atomically(target, *(*it)->old_bytes);
      } else {
        // unlink, not remove: a directory where a file was to be is not ours to remove.
        ::unlink(target.c_str());
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
