#include "generators/spill_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "generators/error.hpp"

namespace gitopsgen {

namespace {

[[noreturn]] void fail(const char* what) {
  throw Error(std::string("cannot ") + what +
              " the temporary file of a large change: " + std::strerror(errno));
}

}  // namespace

SpillFile::SpillFile(const std::filesystem::path& dir) {
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    // File systems without O_TMPFILE: a private name, unlinked before anything is written.
    std::string name = (dir / ".gitopsgen-spill-XXXXXX").string();
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) fail("create");
    ::unlink(name.c_str());
  }
}

SpillFile::~SpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

SpillRange SpillFile::append(std::string_view bytes) {
  const std::lock_guard lock(append_);
  const SpillRange range{end_, bytes.size()};
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n =
        ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(end_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = ENOSPC;
    if (n <= 0) fail("write");
    done += static_cast<std::size_t>(n);
  }
  end_ += bytes.size();
  return range;
}

std::string SpillFile::read(SpillRange range) const {
  std::string bytes(range.size, '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::pread(fd_, bytes.data() + done, bytes.size() - done,
                           static_cast<off_t>(range.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("read");
    if (n == 0) {
      errno = EIO;
      fail("read");
    }
    done += static_cast<std::size_t>(n);
  }
  return bytes;
}

}  // namespace gitopsgen
