// Bytes kept out of memory while a large change is planned: an unlinked temporary file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

namespace gitopsgen {

// Where some bytes are in a SpillFile.
struct SpillRange {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

// An append-only file no other process can open: it has no name (O_TMPFILE, or a name unlinked
// at once) and its blocks are freed when it is closed, even by a crash.
class SpillFile {
 public:
  // Opens a new spill file in `dir`; throws Error when it cannot.
  explicit SpillFile(const std::filesystem::path& dir);
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Appends `bytes` and says where they are; throws Error when they cannot all be written.
  SpillRange append(std::string_view bytes);
  // The bytes at `range` (one append's); safe from several threads at once; throws Error when
  // they cannot be read back whole.
  std::string read(SpillRange range) const;

 private:
  int fd_ = -1;
  std::uint64_t end_ = 0;
  std::mutex append_;
};

}  // namespace gitopsgen
