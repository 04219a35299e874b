// Where the templates come from: embedded in the binary, or an organisation's own directory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gitopsgen {

// One file of the scaffolds tree compiled into the binary.
struct EmbeddedFile {
  std::string_view path;
  std::string_view bytes;
};

// The scaffold files compiled into the binary (generated at build time).
const std::vector<EmbeddedFile>& embedded_scaffolds();

// A tree of scaffold files addressed by '/'-separated relative paths.
class ScaffoldSource {
 public:
  // The embedded scaffolds when `dir` is empty, else the tree under `dir` (must exist).
  explicit ScaffoldSource(std::optional<std::filesystem::path> dir = std::nullopt);
  // The bytes of scaffold `path`; throws Error when there is none.
  std::string get(const std::string& path) const;
  // Every scaffold path under `prefix` ("chart/"), sorted.
  std::vector<std::string> list(const std::string& prefix) const;
  // Where the scaffolds come from, for messages: "embedded" or the directory.
  std::string origin() const;

 private:
  std::optional<std::filesystem::path> dir_;
};

}  // namespace gitopsgen
