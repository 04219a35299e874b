#include "generators/yaml/yaml_edit_format.hpp"

#include <cstdio>

#include "generators/yaml/yaml_scalar.hpp"

namespace gitopsgen::yaml_edit {
namespace {

// The length of the UTF-8 sequence at `i` and its code point, or 0 when it is malformed.
std::size_t decode(std::string_view text, std::size_t i, char32_t& cp) {
  const auto c = static_cast<unsigned char>(text[i]);
  std::size_t len = 0;
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  const char32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Code points past ASCII that a reader folds as a line break or refuses when written raw.
bool needs_escape(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
         cp == 0xFFFE || cp == 0xFFFF;
}

bool has_escaped_code_point(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const auto len = decode(text, i, cp);
    if (len == 0 || needs_escape(cp)) return true;
    i += len;
  }
  return false;
}

}  // namespace

bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const auto len = decode(text, i, cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string quoted_scalar(std::string_view text) {
  const std::string quoted = double_quoted(text);
  std::string out;
  out.reserve(quoted.size());
  for (std::size_t i = 0; i < quoted.size();) {
    char32_t cp = 0;
    auto len = decode(quoted, i, cp);
    if (len == 0) len = 1;  // not UTF-8: copied as is, the caller refuses such values
    if (len > 1 && needs_escape(cp)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(quoted, i, len);
    }
    i += len;
  }
  return out;
}

std::string plain_or_quoted(std::string_view text, bool flow) {
  const bool plain = !text.empty() && is_safe_plain_scalar(text) && !has_escaped_code_point(text) &&
                     !(flow && text.find(':') != std::string_view::npos);
  return plain ? std::string(text) : quoted_scalar(text);
}

std::string single_or_double_quoted(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return quoted_scalar(text);
  }
  if (has_escaped_code_point(text)) return quoted_scalar(text);
  std::string out = "'";
  for (char ch : text) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

std::string scalar_in_style(std::string_view text, ScalarStyle style, bool flow) {
  switch (style) {
    case ScalarStyle::plain:
      return plain_or_quoted(text, flow);
    case ScalarStyle::single_quoted:
      return single_or_double_quoted(text);
    case ScalarStyle::double_quoted:
    case ScalarStyle::literal:
    case ScalarStyle::folded:
      break;
  }
  return quoted_scalar(text);
}

}  // namespace gitopsgen::yaml_edit
