// Byte-exact edits of one scalar in a YAML text: every byte not asked to change stays where it was.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gitopsgen {

class YamlGuard;
namespace yaml_edit {
struct Document;
}

// A path of mapping keys from the root of the first document, e.g. {"image", "tag"}.
using YamlKeyPath = std::vector<std::string>;

// A half-open byte range [begin, end) of a YAML text.
struct YamlSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool operator==(const YamlSpan&) const = default;
};

// The scalar at `path` in the first document of `text`, or nothing when a key on the path is
// absent; throws Error when the text does not parse or the node there is not a scalar.
std::optional<std::string> yaml_read_scalar(const std::string& text, const YamlKeyPath& path);

// `text` with the scalar at `path` set to `value`, every other byte unchanged; a missing key (and
// missing parent mappings) is inserted in the file's own style; throws Error (one line, says why)
// when it cannot be done safely.
std::string yaml_set_scalar(const std::string& text, const YamlKeyPath& path,
                            const std::string& value);

// `text` with the scalar at `path` set to the plain integer `value` (a number for every reader,
// never the string "6"), every other byte unchanged; a missing key is inserted as yaml_set_scalar
// does; throws Error when it cannot be done safely.
std::string yaml_set_integer(const std::string& text, const YamlKeyPath& path, long long value);

// The bytes yaml_set_scalar replaces for an existing scalar at `path` (empty where a value is
// written after a bare `key:`), or nothing when the path is missing; throws as yaml_set_scalar.
std::optional<YamlSpan> yaml_scalar_span(const std::string& text, const YamlKeyPath& path);

// One scalar to set: the key path and the string it becomes.
struct YamlScalarEdit {
  YamlKeyPath path;
  std::string value;
};

// A YAML text parsed once, so that several scalars are read, then edited, without parsing it again.
class YamlText {
 public:
  // Parses `text`; throws Error (saying where and why) when any document of it does not parse.
  explicit YamlText(std::string text);
  // Parses `text` with every event passing `guard` first (yaml_guard's checks, in the same parse);
  // throws the guard's YamlRefused, or Error as above.
  YamlText(std::string text, YamlGuard& guard);
  ~YamlText();
  YamlText(YamlText&&) noexcept;
  YamlText& operator=(YamlText&&) noexcept;
  // The text as given.
  const std::string& text() const { return text_; }
  // The scalar at `path`, exactly as yaml_read_scalar reads it.
  std::optional<std::string> read_scalar(const YamlKeyPath& path) const;
  // The text with each edit made in order exactly as yaml_set_scalar makes it (the first on this
  // parse), then the result read back once for every edited value, unless every edit swaps one
  // plain token for another (see token_swap in yaml_edit.cpp); throws as yaml_set_scalar.
  std::string with_scalars(const std::vector<YamlScalarEdit>& edits) const;

 private:
  std::string text_;
  std::unique_ptr<yaml_edit::Document> doc_;
};

}  // namespace gitopsgen
