#include "generators/yaml/yaml_emit.hpp"

#include <cstdio>

#include "generators/yaml/yaml_scalar.hpp"

namespace gitopsgen {
namespace {

// The code point at `text[i]` (valid UTF-8) and its length in bytes.
char32_t code_point(std::string_view text, std::size_t i, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(text[i]);
  length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  if (i + length > text.size()) length = text.size() - i;
  char32_t code = length == 1   ? lead
                  : length == 2 ? lead & 0x1f
                  : length == 3 ? lead & 0x0f
                                : lead & 0x07;
  for (std::size_t k = 1; k < length; ++k)
    code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
  return code;
}

// True for the non-ASCII code points a YAML reader does not take as they are: the C1 controls
// (NEL among them, a line break in YAML 1.1), the line and paragraph separators, the byte order
// mark and the non-characters U+FFFE and U+FFFF.
bool needs_escape(char32_t code) {
  return (code >= 0x80 && code <= 0x9f) || code == 0x2028 || code == 0x2029 || code == 0xfeff ||
         code == 0xfffe || code == 0xffff;
}

std::string escaped(char32_t code) {
  char buf[12];
  if (code <= 0xff)
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(code));
  else
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(code));
  return buf;
}

std::string yaml_double_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const auto code = code_point(text, i, length);
    if (code < 0x80) {
      out += double_quoted(text.substr(i, 1)).substr(1, std::string::npos);
      out.pop_back();  // double_quoted's closing quote
    } else if (needs_escape(code)) {
      out += escaped(code);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out + "\"";
}

// True when `text` (with a line break) can be a literal block scalar: only printable characters,
// tabs and line feeds, no carriage return, and something besides line feeds.
bool literal_block_fits(std::string_view text) {
  if (text.find('\n') == std::string_view::npos) return false;
  if (text.find_first_not_of('\n') == std::string_view::npos) return false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const auto code = code_point(text, i, length);
    if (code < 0x80 && code != '\n' && code != '\t' && (code < 0x20 || code == 0x7f)) return false;
    if (needs_escape(code)) return false;
    i += length;
  }
  return true;
}

// `text` as a literal block scalar whose lines sit at `column` + 2: the indentation indicator
// keeps leading spaces, the chomping indicator the exact number of final line feeds.
std::string literal_block(std::string_view text, std::size_t column) {
  std::size_t trailing = 0;
  while (trailing < text.size() && text[text.size() - 1 - trailing] == '\n') ++trailing;
  std::string out = std::string("|2") + (trailing == 0 ? "-" : trailing == 1 ? "" : "+") + "\n";
  const auto body = text.substr(0, text.size() - trailing);
  const std::string indent(column + 2, ' ');
  std::size_t start = 0;
  while (true) {
    const auto end = body.find('\n', start);
    const auto line = body.substr(start, end == std::string_view::npos ? body.npos : end - start);
    if (!line.empty()) out += indent;
    out.append(line);
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  for (std::size_t k = 1; k < trailing; ++k) out += '\n';
  return out;
}

bool is_block(const JsonValue& v) {
  return (v.kind() == JsonValue::Kind::object && !v.members().empty()) ||
         (v.kind() == JsonValue::Kind::array && !v.items().empty());
}

// A scalar or empty collection, after "key:" or "- " at `column`, with its line feed.
std::string scalar_line(const JsonValue& v, std::size_t column) {
  switch (v.kind()) {
    case JsonValue::Kind::null:
      return "null\n";
    case JsonValue::Kind::boolean:
      return v.boolean() ? "true\n" : "false\n";
    case JsonValue::Kind::integer:
      return std::to_string(v.integer()) + "\n";
    case JsonValue::Kind::number:
      return v.string() + "\n";
    case JsonValue::Kind::string:
      if (literal_block_fits(v.string())) return literal_block(v.string(), column);
      return yaml_inline_string(v.string()) + "\n";
    case JsonValue::Kind::array:
      return "[]\n";
    case JsonValue::Kind::object:
      return "{}\n";
  }
  return "null\n";
}

void emit_block(const JsonValue& v, std::size_t column, std::string& out);

// `item` as an entry of a sequence at `column`: "- " and the entry, nested collections compact.
void emit_entry(const JsonValue& item, std::size_t column, std::string& out) {
  if (!is_block(item)) {
    out += std::string(column, ' ') + "- " + scalar_line(item, column);
    return;
  }
  std::string nested;
  emit_block(item, column + 2, nested);
  out += std::string(column, ' ') + "- " + nested.substr(column + 2);
}

void emit_block(const JsonValue& v, std::size_t column, std::string& out) {
  if (v.kind() == JsonValue::Kind::array) {
    for (const auto& item : v.items()) emit_entry(item, column, out);
    return;
  }
  for (const auto& member : v.members()) {
    out += std::string(column, ' ') + yaml_inline_string(member.key) + ":";
    if (is_block(member.value)) {
      out += "\n";
      emit_block(member.value, column + 2, out);
    } else {
      out += " " + scalar_line(member.value, column);
    }
  }
}

}  // namespace

std::string yaml_inline_string(std::string_view text) {
  bool ascii = true;
  for (char ch : text) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  if (!text.empty() && ascii && is_safe_plain_scalar(text)) return std::string(text);
  return yaml_double_quoted(text);
}

std::string to_yaml(const JsonValue& value) {
  std::string out;
  if (is_block(value))
    emit_block(value, 0, out);
  else
    out = scalar_line(value, 0);
  return out;
}

}  // namespace gitopsgen
