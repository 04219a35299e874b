// A read-only look at chosen paths of a YAML document, in one libyaml pass over its events:
// nothing is built for the rest of the document (checks that read back a few values of a
// rendered file pay for the parse alone).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "generators/yaml/yaml_edit_tree.hpp"

namespace gitopsgen {

// What a probe found at one path of the document.
struct Probed {
  yaml_edit::NodeKind kind = yaml_edit::NodeKind::scalar;
  yaml_edit::ScalarStyle style = yaml_edit::ScalarStyle::plain;  // of a scalar
  std::string value;                                             // scalar: its text, unescaped
  std::size_t items = 0;  // sequence: its items; mapping: its keys
};

// A path to probe, one step per level: a mapping key, "#N" for item N of a sequence (or the key
// "#N" of a mapping), or "*" for every item of a sequence.
using ProbePattern = std::vector<std::string>;

// The nodes of the first document of a text that a set of patterns names.
class YamlProbe {
 public:
  // Reads `text` once and keeps every node a pattern matches. It refuses what scan_document
  // refuses, with the same Error: a text that is not UTF-8, a stream any of whose documents does
  // not parse, nesting past kYamlMaxDepth, an alias to no anchor. Where a mapping repeats a key,
  // its last value counts, as in scan_document's nodes. `patterns` must outlive the probe. With a
  // `guard`, each event passes it first, as in scan_document.
  YamlProbe(const std::string& text, const std::vector<ProbePattern>& patterns,
            YamlGuard* guard = nullptr);
  // The node at `path` (keys and "#N", no "*"), or nullptr when the document has none there.
  // Throws Error when no pattern names `path`: a question the probe was not built to answer.
  const Probed* at(std::initializer_list<std::string_view> path) const;
  // True when the first document has no alias and no scalar `<<` (a merge key, or one like it):
  // every value is where it is written, and a path's node is the one its keys lead to.
  bool written_where_it_stands() const { return !indirect_; }

 private:
  bool indirect_ = false;
  const std::vector<ProbePattern>* patterns_;
  std::vector<std::pair<std::string, Probed>> found_;  // by path, steps joined with '\x1f'
};

}  // namespace gitopsgen
