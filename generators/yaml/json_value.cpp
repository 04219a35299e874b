#include "generators/yaml/json_value.hpp"

#include <cstdio>
#include <regex>
#include <stdexcept>

namespace gitopsgen {
namespace {

// The length of the valid UTF-8 sequence at `text[i]`, or 0 when it starts none.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  char32_t code = 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    code = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    code = lead & 0x0f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;  // a continuation byte, an overlong C0/C1 lead, or beyond U+10FFFF
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3f);
  }
  const char32_t minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
  if (code < minimum || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 0;
  return length;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto length = utf8_sequence(text, i);
    if (length == 0) {
      out += "\xef\xbf\xbd";  // U+FFFD
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

JsonValue::JsonValue(std::string_view text) : kind_(Kind::string), string_(valid_utf8(text)) {}

JsonValue JsonValue::array() {
  JsonValue value;
  value.kind_ = Kind::array;
  return value;
}

JsonValue JsonValue::object() {
  JsonValue value;
  value.kind_ = Kind::object;
  return value;
}

JsonValue JsonValue::strings(const std::vector<std::string>& items) {
  auto value = array();
  for (const auto& item : items) value.push(item);
  return value;
}

JsonValue JsonValue::number(std::string_view text) {
  static const std::regex json_number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
  if (!std::regex_match(text.begin(), text.end(), json_number))
    throw std::logic_error("not a JSON number: " + std::string(text));
  JsonValue v;
  v.kind_ = Kind::number;
  v.string_ = std::string(text);
  return v;
}

JsonValue JsonValue::string_or_null(const std::string& text) {
  return text.empty() ? JsonValue() : JsonValue(text);
}

JsonValue& JsonValue::add(std::string_view key, JsonValue value) {
  if (kind_ != Kind::object)
    throw std::logic_error("JSON: member '" + std::string(key) + "' added to a non-object");
  if (find(key) != nullptr)
    throw std::logic_error("JSON: duplicate key '" + std::string(key) + "'");
  members_.push_back(Member{valid_utf8(key), std::move(value)});
  return *this;
}

JsonValue& JsonValue::push(JsonValue item) {
  if (kind_ != Kind::array) throw std::logic_error("JSON: item pushed onto a non-array");
  items_.push_back(std::move(item));
  return *this;
}

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& member : members_)
    if (member.key == key) return &member.value;
  return nullptr;
}

std::string json_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c == 0xe2 && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xa8' || text[i + 2] == '\xa9')) {
      // U+2028 and U+2029: legal in JSON, but line breaks to JavaScript before ES2019.
      out += text[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

namespace {

void write_json(const JsonValue& value, std::string& out) {
  switch (value.kind()) {
    case JsonValue::Kind::null:
      out += "null";
      return;
    case JsonValue::Kind::boolean:
      out += value.boolean() ? "true" : "false";
      return;
    case JsonValue::Kind::integer:
      out += std::to_string(value.integer());
      return;
    case JsonValue::Kind::number:
      out += value.string();
      return;
    case JsonValue::Kind::string:
      out += json_quoted(value.string());
      return;
    case JsonValue::Kind::array:
      out += '[';
      for (std::size_t i = 0; i < value.items().size(); ++i) {
        if (i > 0) out += ',';
        write_json(value.items()[i], out);
      }
      out += ']';
      return;
    case JsonValue::Kind::object:
      out += '{';
      for (std::size_t i = 0; i < value.members().size(); ++i) {
        if (i > 0) out += ',';
        out += json_quoted(value.members()[i].key);
        out += ':';
        write_json(value.members()[i].value, out);
      }
      out += '}';
      return;
  }
}

}  // namespace

std::string to_json(const JsonValue& value) {
  std::string out;
  write_json(value, out);
  return out;
}

}  // namespace gitopsgen
