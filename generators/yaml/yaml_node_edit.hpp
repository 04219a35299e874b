// Byte-exact edits that reach into sequences: a scalar inside a sequence item, a copied item.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gitopsgen {

// One step into a YAML document: a mapping key, or the index of a sequence item.
using YamlNodeStep = std::variant<std::string, std::size_t>;

// A path of steps from the root of the first document, e.g. {"spec", "sources", 1u, "path"}.
using YamlNodePath = std::vector<YamlNodeStep>;

// `path` for messages: `spec.sources[1].path`.
std::string node_path_text(const YamlNodePath& path);

// The scalar at `path` in the first document of `text`, or nothing when a step is missing;
// throws Error when the text does not parse or the node there is not a scalar.
std::optional<std::string> yaml_read_node(const std::string& text, const YamlNodePath& path);

// `text` with the existing scalar at `path` set to `value`, every other byte unchanged (a path of
// mapping keys only goes to yaml_set_scalar, which may also add a missing key); throws Error
// (one line) when a step is missing or the edit cannot be made safely.
std::string yaml_set_node(const std::string& text, const YamlNodePath& path,
                          const std::string& value);

// Where a copied sequence item goes, relative to the item it copies.
enum class ItemPlacement { before, after };

// A scalar to set inside a copied item: its path relative to the item, and its new value.
using ItemEdit = std::pair<YamlNodePath, std::string>;

// `text` with a copy of the block-sequence item at `item` (its own lines, indentation and
// comments) inserted before or after it, the scalars named by `edits` set in the copy; every
// other byte unchanged; throws Error when the item does not sit on lines of its own.
std::string yaml_copy_sequence_item(const std::string& text, const YamlNodePath& item,
                                    ItemPlacement placement, const std::vector<ItemEdit>& edits);

// A key of a mapping item and its value, both written as strings.
using ItemEntry = std::pair<std::string, std::string>;

// `text` with a block mapping of `entries` added as the last item of the block sequence at
// `sequence`, at the indent of its items; a missing sequence is added, with that one item, after
// the last entry of the mapping that would hold it; every other byte unchanged; throws Error
// when the sequence is written in flow style or empty, or its items do not start their own lines.
std::string yaml_append_mapping_item(const std::string& text, const YamlNodePath& sequence,
                                     const std::vector<ItemEntry>& entries);

}  // namespace gitopsgen
