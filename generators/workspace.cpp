#include "generators/workspace.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

#include "generators/error.hpp"

namespace gitopsgen {
namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw Error("cannot read " + path.string() + ": it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Error("cannot read " + path.string());
  return buffer.str();
}

namespace {

// The bytes of `path` when it is a regular file and not a symbolic link, read through one open
// descriptor; std::nullopt when it is missing or not a regular file; false-y `handled` when the
// open failed otherwise (a link, no permission...), for the caller's careful road.
std::optional<std::string> read_plain_file(const fs::path& path, bool& handled) {
  handled = true;
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused as not regular.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    handled = errno == ENOENT || errno == ENOTDIR;
    return std::nullopt;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw Error("cannot read " + path.string());
  if (!S_ISREG(st.st_mode)) return std::nullopt;
  // The size fstat gave, as git reads a file; a file that changes meanwhile is a race either way.
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    const auto n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error("cannot read " + path.string());
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  return bytes;
}

// Appends to `out` each regular file (or link to one) under the directory `abs`, as `rel` (the
// directory's path in the repository, "" or ending in '/') plus its name, then those of its
// subdirectories; links to directories and anything named .git are not followed. The types come
// from readdir, so a file costs a stat only when it is a link or its file system does not say.
// Returns 0, or the errno of a directory that cannot be read.
int list_tree(const std::string& abs, const std::string& rel, std::vector<std::string>& out) {
  DIR* handle = ::opendir(abs.c_str());
  if (handle == nullptr) return errno;
  std::vector<std::string> subdirs;
  for (;;) {
    errno = 0;  // readdir's end and its failure differ only in errno; the stats below set it
    const dirent* entry = ::readdir(handle);
    if (entry == nullptr) break;
    const std::string_view name = entry->d_name;
    if (name == "." || name == ".." || name == ".git") continue;
    auto type = entry->d_type;
    if (type == DT_UNKNOWN || type == DT_LNK) {
      const std::string path = abs + "/" + entry->d_name;
      struct stat st {};
      if (::lstat(path.c_str(), &st) != 0) continue;  // gone meanwhile
      if (S_ISLNK(st.st_mode))                        // listed when it leads to a file
        type = ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
      else
        type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (type == DT_DIR)
      subdirs.emplace_back(name);
    else if (type == DT_REG)
      out.push_back(rel + entry->d_name);
  }
  const int failed = errno;
  ::closedir(handle);
  if (failed != 0) return failed;
  for (const auto& sub : subdirs)
    if (const int err = list_tree(abs + "/" + sub, rel + sub + "/", out)) return err;
  return 0;
}

}  // namespace

std::optional<std::string> DiskWorkspace::read(const std::string& path) const {
  // Most files are plain: one open, one fstat, the reads. Links and errors take the road below.
  bool handled = false;
  if (auto bytes = read_plain_file(root_ / path, handled); bytes || handled) return bytes;
  std::error_code ec;
  if (!fs::is_regular_file(root_ / path, ec)) return std::nullopt;
  if (fs::is_symlink(root_ / path, ec)) {
    // A link may stay inside; one leading out would let a repository make us read any file.
    const auto target = fs::canonical(root_ / path, ec);
    const auto root = fs::canonical(root_, ec);
    const auto rel = target.lexically_relative(root);
    if (ec || rel.empty() || *rel.begin() == "..")
      throw Error("refusing to read " + path +
                  ": it is a symbolic link leading outside the repository");
  }
  return read_file(root_ / path);
}

bool DiskWorkspace::is_directory(const std::string& path) const {
  std::error_code ec;
  return fs::is_directory(root_ / path, ec);
}

std::vector<std::string> DiskWorkspace::list_files(const std::string& dir) const {
  std::vector<std::string> out;
  std::error_code ec;
  std::string rel = dir;
  while (!rel.empty() && rel.back() == '/') rel.pop_back();
  const fs::path base = rel.empty() ? root_ : root_ / rel;
  if (!fs::is_directory(base, ec)) return out;
  if (!rel.empty()) rel += '/';
  if (const int err = list_tree(base.native(), rel, out))
    throw Error("cannot list " + base.string() + ": " + std::strerror(err));
  std::sort(out.begin(), out.end());
  return out;
}

std::string folded_name(std::string name) {
  for (auto& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return name;
}

std::optional<std::vector<std::string>> DiskWorkspace::folded_entry_names(
    const std::string& dir) const {
  std::vector<std::string> names;
  const fs::path base = dir.empty() ? root_ : root_ / dir;
  DIR* handle = ::opendir(base.c_str());
  if (handle == nullptr) {
    if (errno == ENOENT || errno == ENOTDIR) return names;
    return std::nullopt;  // unreadable: every path is looked up on its own
  }
  errno = 0;
  while (const dirent* entry = ::readdir(handle)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    // Folded, so that a file system that ignores case still finds "App.yaml" for "app.yaml".
    names.push_back(folded_name(name));
  }
  const bool failed = errno != 0;
  ::closedir(handle);
  if (failed) return std::nullopt;
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> MemoryWorkspace::read(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

bool MemoryWorkspace::is_directory(const std::string& path) const {
  const std::string prefix = path + "/";
  return std::any_of(files_.begin(), files_.end(),
                     [&](const auto& f) { return f.first.rfind(prefix, 0) == 0; });
}

std::vector<std::string> MemoryWorkspace::list_files(const std::string& dir) const {
  std::vector<std::string> out;
  const std::string prefix = dir.empty() ? "" : dir + "/";
  for (const auto& [path, bytes] : files_) {
    if (path.rfind(prefix, 0) == 0) out.push_back(path);
  }
  return out;
}

}  // namespace gitopsgen
