// A JSON value tree, built by a command and written as strict JSON (and, by yaml_emit, as YAML).
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gitopsgen {

// null, a boolean, an integer, a number that is no integer, a string, an array or an object;
// objects keep their members in insertion order and never hold one key twice. Strings are always
// valid UTF-8: each byte of an invalid sequence is replaced by U+FFFD when the value is made.
class JsonValue {
 public:
  enum class Kind { null, boolean, integer, number, string, array, object };
  struct Member;

  // null.
  JsonValue() = default;
  // null.
  JsonValue(std::nullptr_t);
  // A boolean.
  JsonValue(bool value);
  // An integer (any integral type but bool and char).
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) JsonValue(T value)
      : kind_(Kind::integer), integer_(static_cast<std::int64_t>(value)) {}
  // A string, made valid UTF-8.
  JsonValue(std::string_view text);
  // A string, made valid UTF-8.
  JsonValue(const std::string& text);
  // A string, made valid UTF-8.
  JsonValue(const char* text);
  // The value, or null when there is none.
  template <class T>
  JsonValue(const std::optional<T>& value) {
    if (value) *this = JsonValue(*value);
  }

  // An empty array.
  static JsonValue array();
  // An empty object.
  static JsonValue object();
  // An array of the strings `items`.
  static JsonValue strings(const std::vector<std::string>& items);
  // A number written `text`, a JSON number (RFC 8259) that may have a fraction or exponent;
  // throws std::logic_error when `text` is not one.
  static JsonValue number(std::string_view text);
  // `text` as a string, or null when it is empty (for "no value" held as "").
  static JsonValue string_or_null(const std::string& text);

  // Adds `key` to this object and returns *this; throws std::logic_error when this is not an
  // object or already has `key` (a programming error: never written as bad JSON).
  JsonValue& add(std::string_view key, JsonValue value);
  // Appends `item` to this array and returns *this; throws std::logic_error when not an array.
  JsonValue& push(JsonValue item);

  // What this value is.
  Kind kind() const { return kind_; }
  // The boolean (false unless a boolean).
  bool boolean() const { return boolean_; }
  // The integer (0 unless an integer).
  std::int64_t integer() const { return integer_; }
  // The string ("" unless a string), or a number's JSON text.
  const std::string& string() const { return string_; }
  // The items of an array (none otherwise).
  const std::vector<JsonValue>& items() const { return items_; }
  // The members of an object, in insertion order (none otherwise).
  const std::vector<Member>& members() const { return members_; }
  // The member `key` of an object, or null when there is none.
  const JsonValue* find(std::string_view key) const;

 private:
  Kind kind_ = Kind::null;
  bool boolean_ = false;
  std::int64_t integer_ = 0;
  std::string string_;
  std::vector<JsonValue> items_;
  std::vector<Member> members_;
};

// One member of an object.
struct JsonValue::Member {
  std::string key;
  JsonValue value;
};

// Defined here, where Member is complete: their bodies destroy members_ when they throw.
inline JsonValue::JsonValue(std::nullptr_t) {}
inline JsonValue::JsonValue(bool value) : kind_(Kind::boolean), boolean_(value) {}
inline JsonValue::JsonValue(const std::string& text) : JsonValue(std::string_view(text)) {}
inline JsonValue::JsonValue(const char* text) : JsonValue(std::string_view(text)) {}

// `text` with each byte that starts no valid UTF-8 sequence (overlong forms, surrogates and
// code points above U+10FFFF included) replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// `text` (valid UTF-8) as a JSON string literal per RFC 8259: quote, backslash and every control
// character escaped (\n, \t, ... or \u00XX), DEL, U+2028 and U+2029 as \uXXXX too.
std::string json_quoted(std::string_view text);

// `value` as JSON on one line, without insignificant whitespace.
std::string to_json(const JsonValue& value);

}  // namespace gitopsgen
