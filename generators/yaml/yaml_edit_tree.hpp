// Internal to the YAML editor: the first document of a YAML text as nodes with exact byte spans.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "generators/error.hpp"

struct yaml_event_s;
struct yaml_parser_s;

namespace gitopsgen {
class YamlGuard;
}

namespace gitopsgen::yaml_edit {

// What a node of the document is.
enum class NodeKind { scalar, mapping, sequence, alias };

// How a scalar is written.
enum class ScalarStyle { plain, single_quoted, double_quoted, literal, folded };

// One node of the first document; every position is a byte offset into the whole text.
struct Node {
  NodeKind kind = NodeKind::scalar;
  bool flow = false;  // a flow collection, `{…}` or `[…]`
  ScalarStyle style = ScalarStyle::plain;
  std::string value;            // scalar: its text, unescaped; alias: the anchor name it refers to
  std::string anchor;           // the `&name` this node defines, or ""
  std::string tag;              // the resolved tag (`tag:yaml.org,2002:str` for `!!str`), or ""
  std::size_t begin = 0;        // first byte, anchor and tag included
  std::size_t end = 0;          // one past the last byte (scalar and alias: of the token)
  std::size_t token_begin = 0;  // scalar: first byte of the value itself, after anchor and tag
  bool has_token = false;       // false for a scalar written as nothing (`key:`)
  std::size_t column = 0;       // column of `begin`, in characters
  std::size_t close = 0;        // flow collection: the byte of its closing `}` or `]`
  int target = -1;              // alias: the node it refers to
  int uses = 0;                 // how many aliases refer to this node
  std::vector<int> children;    // mapping: key, value, key, value…; sequence: its items
};

// The first document of a text, its nodes in document order.
struct Document {
  std::vector<Node> nodes;
  int root = -1;                // -1 when the stream holds no document at all
  bool explicit_start = false;  // the document opens with `---`
  std::size_t start = 0;        // byte of the `---` when explicit
  std::string eol = "\n";       // "\r\n" when the text's first line break is CRLF
};

// The first document of `text` (UTF-8, with or without a byte order mark); every document of the
// stream must parse, or Error says where and why. With a `guard`, each event passes it first, so
// its limits and refusals come before anything else is read (one parse for both).
Document scan_document(const std::string& text, YamlGuard* guard = nullptr);

// Throws Error for a text the editor must not read: UTF-16, or line breaks readers disagree on.
void refuse_unreadable_encodings(const std::string& text);

// The Error for a parse that failed: where (line and column) and why, as libyaml says.
Error parse_error(const yaml_parser_s& parser);

// Reads every document of `text` with libyaml, each event through `guard` first when given, and
// hands `first_document` the events of the first document, its start and end included. Throws
// the Error scan_document would for a text it refuses or a stream that does not parse.
void read_events(const std::string& text, YamlGuard* guard,
                 const std::function<void(const yaml_event_s& e)>& first_document);

// True when `node` is a plain, untagged, unanchored null: nothing, `~` or `null`.
bool is_null_scalar(const Node& node);

// True for the `<<` merge key.
bool is_merge_key(const Node& node);

}  // namespace gitopsgen::yaml_edit
