// Internal to the YAML editor: where entries end, splices, and adding keys in the file's layout.
#pragma once

#include <cstddef>
#include <string>

#include "generators/yaml/yaml_edit.hpp"
#include "generators/yaml/yaml_edit_tree.hpp"

namespace gitopsgen::yaml_edit {

// Replace the bytes [begin, end) of a text with `text`.
struct Splice {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
};

// `text` with `splice` applied.
std::string apply_splice(const std::string& text, const Splice& splice);

// The byte just past the last byte that belongs to `node` (a block scalar: the end of its last
// content line; a block collection: the end of its last entry), or npos for an empty scalar
// written as nothing.
std::size_t content_end(const std::string& text, const Document& doc, int node);

// The byte just past the end of the text of the entry at `key` (its value's content, or the key's
// own when the value is written as nothing).
std::size_t entry_end(const std::string& text, const Document& doc, int key, int value);

// The byte just past the first line break at or after `pos`, or npos when no break follows.
std::size_t after_line(const std::string& text, std::size_t pos);

// The column of a block mapping's entries: where it starts, unless an anchor or tag starts it.
std::size_t entry_column(const Document& doc, const Node& mapping);

// `text` with `lines` as whole lines starting at byte `pos`, a line start; at the very end of a
// text without a final line break (`pos` npos) the lines go after a new break and none follows.
std::string insert_lines(const std::string& text, std::size_t pos, const std::string& lines,
                         const std::string& eol);

// The file's indentation step: the most common indent of a block mapping nested in another, or 2.
std::size_t indent_step(const Document& doc);

// The first `count` keys of `path` joined with dots, control characters as '?', for messages;
// "the document root" for none.
std::string dotted(const YamlKeyPath& path, std::size_t count);

// The splice that writes `scalar` as the value of `key`, whose value `value` is written as
// nothing (`key:`, `key: !!str`, `{key}`); throws Error naming `path` when there is no room.
Splice fill_empty_value(const std::string& text, const Document& doc, int key, int value,
                        const std::string& scalar, bool flow, const YamlKeyPath& path);

// `text` with path[from…] set to `value` added as the last entry of `mapping`: block lines after
// the line where its last entry ends, at its entries' indent; flow `, key: value` after that entry.
std::string add_keys(const std::string& text, const Document& doc, int mapping,
                     const YamlKeyPath& path, std::size_t from, const std::string& value);

// `text` with the null value `value` of `key` in `mapping` replaced by a new mapping holding
// path[from…] set to `value_text`.
std::string add_keys_under_null(const std::string& text, const Document& doc, int mapping, int key,
                                int value, const YamlKeyPath& path, std::size_t from,
                                const std::string& value_text);

// `text` whose first document is absent or empty, with `path` set to `value` as a block mapping.
std::string add_keys_to_empty_document(const std::string& text, const Document& doc,
                                       const YamlKeyPath& path, const std::string& value);

}  // namespace gitopsgen::yaml_edit
