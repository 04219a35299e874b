#include "generators/yaml/yaml_edit_tree.hpp"

#include <yaml.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "generators/error.hpp"
#include "generators/yaml/libyaml_handles.hpp"
#include "generators/yaml/libyaml_style.hpp"
#include "generators/yaml/yaml_guard.hpp"

namespace gitopsgen::yaml_edit {
namespace {

constexpr auto npos = std::string::npos;

using libyaml::Event;
using libyaml::Parser;

// libyaml counts characters, not bytes, and does not count a byte order mark: the byte offset of
// each character, plus one for the end of the text; empty when every byte is ASCII (a character
// is then a byte, and the table would only cost memory).
std::vector<std::size_t> character_offsets(const std::string& text, std::size_t bom) {
  std::vector<std::size_t> offsets;
  const auto ascii =
      std::all_of(text.begin() + static_cast<std::ptrdiff_t>(bom), text.end(),
                  [](char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; });
  if (ascii) return offsets;
  offsets.reserve(text.size() + 1);
  for (std::size_t i = bom; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  return offsets;
}

// The character index where each scalar token starts, keyed by where it ends, in text order.
std::vector<std::pair<std::size_t, std::size_t>> scalar_tokens(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> tokens;
  Parser parser(text);
  for (;;) {
    yaml_token_t token{};
    if (!yaml_parser_scan(parser.get(), &token)) break;  // the event pass reports the error
    const auto type = token.type;
    if (type == YAML_SCALAR_TOKEN)
      tokens.emplace_back(token.end_mark.index, token.start_mark.index);
    yaml_token_delete(&token);
    if (type == YAML_STREAM_END_TOKEN) break;
  }
  return tokens;
}

std::string text_of(const yaml_char_t* chars) {
  return chars ? std::string(reinterpret_cast<const char*>(chars)) : std::string();
}

// Builds the nodes of the first document from parser events.
class Builder {
 public:
  Builder(const std::string& text, Document& doc)
      : text_(text),
        doc_(doc),
        bom_(text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0),
        offsets_(character_offsets(text, bom_)) {}

  // Adds the node an event of the first document opens, or closes the innermost collection.
  void add(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_SCALAR_EVENT: {
        Node n = node(NodeKind::scalar, e, e.data.scalar.anchor, e.data.scalar.tag);
        n.style = style_of(e.data.scalar.style);
        n.value.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        n.end = byte(e.end_mark);
        n.token_begin = n.end;
        if (!e.data.scalar.anchor && !e.data.scalar.tag) {
          // Without properties the event spans exactly its token, and a scalar written as
          // nothing spans nothing: no second pass over the text is needed.
          if (e.start_mark.index < e.end_mark.index) {
            n.has_token = true;
            n.token_begin = n.begin;
          }
        } else {
          // An anchor or tag comes first: the token starts where the tokens say.
          const auto& tokens = scalar_tokens_once();
          const auto found = std::lower_bound(tokens.begin(), tokens.end(),
                                              std::make_pair(e.end_mark.index, std::size_t{0}));
          if (found != tokens.end() && found->first == e.end_mark.index &&
              found->second >= e.start_mark.index && e.start_mark.index < e.end_mark.index) {
            n.has_token = true;
            n.token_begin = byte_at(found->second);
          }
        }
        push(std::move(n));
        break;
      }
      case YAML_ALIAS_EVENT: {
        Node n = node(NodeKind::alias, e, nullptr, nullptr);
        n.value = text_of(e.data.alias.anchor);
        n.end = byte(e.end_mark);
        const auto anchor = anchors_.find(n.value);
        if (anchor == anchors_.end()) throw Error("YAML refers to an unknown anchor *" + n.value);
        n.target = anchor->second;
        ++doc_.nodes[static_cast<std::size_t>(n.target)].uses;
        push(std::move(n));
        break;
      }
      case YAML_MAPPING_START_EVENT:
      case YAML_SEQUENCE_START_EVENT: {
        const bool mapping = e.type == YAML_MAPPING_START_EVENT;
        Node n = mapping ? node(NodeKind::mapping, e, e.data.mapping_start.anchor,
                                e.data.mapping_start.tag)
                         : node(NodeKind::sequence, e, e.data.sequence_start.anchor,
                                e.data.sequence_start.tag);
        n.flow = mapping ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                         : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        open_.push_back(push(std::move(n)));
        break;
      }
      case YAML_MAPPING_END_EVENT:
      case YAML_SEQUENCE_END_EVENT: {
        auto& n = doc_.nodes[static_cast<std::size_t>(open_.back())];
        n.close = byte(e.start_mark);
        n.end = byte(e.end_mark);
        open_.pop_back();
        break;
      }
      default:
        break;
    }
  }

  std::size_t byte(const yaml_mark_t& mark) const { return byte_at(mark.index); }

 private:
  std::size_t byte_at(std::size_t index) const {
    if (offsets_.empty()) return std::min(index + bom_, text_.size());
    return offsets_[std::min(index, offsets_.size() - 1)];
  }

  // The scalar tokens of the text, scanned the first time a scalar with properties needs them.
  const std::vector<std::pair<std::size_t, std::size_t>>& scalar_tokens_once() {
    if (!tokens_) tokens_ = scalar_tokens(text_);
    return *tokens_;
  }

  Node node(NodeKind kind, const yaml_event_t& e, const yaml_char_t* anchor,
            const yaml_char_t* tag) const {
    Node n;
    n.kind = kind;
    n.anchor = text_of(anchor);
    n.tag = text_of(tag);
    n.begin = byte(e.start_mark);
    n.column = e.start_mark.column;
    return n;
  }

  int push(Node n) {
    const int index = static_cast<int>(doc_.nodes.size());
    if (!n.anchor.empty()) anchors_[n.anchor] = index;
    doc_.nodes.push_back(std::move(n));
    if (open_.empty())
      doc_.root = index;
    else
      doc_.nodes[static_cast<std::size_t>(open_.back())].children.push_back(index);
    return index;
  }

  const std::string& text_;
  Document& doc_;
  std::size_t bom_;
  std::vector<std::size_t> offsets_;
  std::optional<std::vector<std::pair<std::size_t, std::size_t>>> tokens_;
  std::vector<int> open_;
  std::map<std::string, int> anchors_;
};

// A CR without LF, NEL, U+2028 and U+2029 end lines for YAML 1.1 readers (libyaml, Helm) but not
// for YAML 1.2 ones (yaml-cpp): where such a text's lines end is a matter of opinion.
void refuse_ambiguous_breaks(const std::string& text) {
  // Every break in question starts with one of three bytes: memchr finds each (most texts have
  // none), and only those places are looked at.
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  auto next = [&](const char* from, char byte) {
    const void* at = std::memchr(from, byte, static_cast<std::size_t>(end - from));
    return at ? static_cast<const char*>(at) : end;
  };
  const char* cr = next(begin, '\r');
  const char* c2 = next(begin, '\xC2');
  const char* e2 = next(begin, '\xE2');
  while (true) {
    const char* at = std::min({cr, c2, e2});
    if (at == end) return;
    const auto i = static_cast<std::size_t>(at - begin);
    const char* what = nullptr;
    if (at == cr) {
      if (i + 1 == text.size() || text[i + 1] != '\n')
        what = "a carriage return without a line feed";
      cr = next(at + 1, '\r');
    } else if (at == c2) {
      if (text.compare(i, 2, "\xC2\x85") == 0) what = "U+0085 (NEL)";
      c2 = next(at + 1, '\xC2');
    } else {
      if (text.compare(i, 3, "\xE2\x80\xA8") == 0 || text.compare(i, 3, "\xE2\x80\xA9") == 0)
        what = "a raw U+2028 or U+2029";
      e2 = next(at + 1, '\xE2');
    }
    if (what) {
      const auto line = 1 + std::count(begin, at, '\n');
      throw Error("YAML text has " + std::string(what) + " on line " + std::to_string(line) +
                  ", which YAML readers disagree on; replace it first");
    }
  }
}

}  // namespace

void refuse_unreadable_encodings(const std::string& text) {
  if (text.rfind("\xFE\xFF", 0) == 0 || text.rfind("\xFF\xFE", 0) == 0)
    throw Error("YAML text is UTF-16; only UTF-8 can be edited");
  refuse_ambiguous_breaks(text);
}

Error parse_error(const yaml_parser_t& parser) {
  std::string why = parser.problem ? parser.problem : "unknown error";
  if (parser.context) why += std::string(" ") + parser.context;
  return Error("YAML does not parse at line " + std::to_string(parser.problem_mark.line + 1) +
               ", column " + std::to_string(parser.problem_mark.column + 1) + ": " + why);
}

void read_events(const std::string& text, YamlGuard* guard,
                 const std::function<void(const yaml_event_s& e)>& first_document) {
  // With a guard, its refusals come first, as they did when it read the text on its own before.
  if (!guard) refuse_unreadable_encodings(text);
  Parser parser(text);
  int documents = 0;
  bool first = false;
  std::size_t depth = 0;
  for (;;) {
    Event ev;
    if (!yaml_parser_parse(parser.get(), &ev.event)) {
      if (guard) guard->parse_failed(*parser.get());
      throw parse_error(*parser.get());
    }
    const auto& e = ev.event;
    if (e.type == YAML_STREAM_END_EVENT) break;
    if (guard) guard->event(e);
    // libyaml slows down quadratically with nesting: stop at the guard's depth, at no cost.
    if (e.type == YAML_MAPPING_START_EVENT || e.type == YAML_SEQUENCE_START_EVENT) {
      if (++depth > kYamlMaxDepth)
        throw Error("line " + std::to_string(e.start_mark.line + 1) +
                    ": YAML nesting deeper than " + std::to_string(kYamlMaxDepth) + " levels");
    } else if (e.type == YAML_MAPPING_END_EVENT || e.type == YAML_SEQUENCE_END_EVENT) {
      --depth;
    }
    if (e.type == YAML_DOCUMENT_START_EVENT) first = ++documents == 1;
    if (first) first_document(e);
    if (e.type == YAML_DOCUMENT_END_EVENT) first = false;
  }
  if (guard) refuse_unreadable_encodings(text);
}

Document scan_document(const std::string& text, YamlGuard* guard) {
  Document doc;
  const auto brk = text.find('\n');
  if (brk != npos && brk > 0 && text[brk - 1] == '\r') doc.eol = "\r\n";
  // About one node per 12 bytes in value files; capped, a large text grows the vector as it goes.
  doc.nodes.reserve(std::min<std::size_t>(text.size() / 12 + 8, 1024));
  Builder builder(text, doc);
  read_events(text, guard, [&](const yaml_event_t& e) {
    if (e.type == YAML_DOCUMENT_START_EVENT) {
      doc.explicit_start = e.data.document_start.implicit == 0;
      doc.start = builder.byte(e.start_mark);
    } else {
      builder.add(e);
    }
  });
  return doc;
}

bool is_null_scalar(const Node& node) {
  return node.kind == NodeKind::scalar && node.style == ScalarStyle::plain && node.anchor.empty() &&
         node.tag.empty() &&
         (node.value.empty() || node.value == "~" || node.value == "null" || node.value == "Null" ||
          node.value == "NULL");
}

bool is_merge_key(const Node& node) {
  return node.kind == NodeKind::scalar && node.style == ScalarStyle::plain && node.tag.empty() &&
         node.value == "<<";
}

}  // namespace gitopsgen::yaml_edit
