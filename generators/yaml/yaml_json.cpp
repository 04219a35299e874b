#include "generators/yaml/yaml_json.hpp"

#include <cctype>
#include <charconv>
#include <regex>
#include <string_view>

#include "generators/error.hpp"

namespace gitopsgen {
namespace {

bool one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (const auto w : words)
    if (text == w) return true;
  return false;
}

// A plain scalar typed as go-yaml v2 (Helm's reader) resolves it.
JsonValue plain_scalar(const std::string& text) {
  if (one_of(text, {"", "~", "null", "Null", "NULL"})) return JsonValue();
  if (one_of(text, {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"}))
    return JsonValue(true);
  if (one_of(text, {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"}))
    return JsonValue(false);
  static const std::regex integer("[-+]?(0|[1-9][0-9]*)");
  if (std::regex_match(text, integer)) {
    const auto* first = text.data() + (text[0] == '+' ? 1 : 0);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(first, text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size()) return JsonValue(value);
  }
  static const std::regex number(R"([-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(text, number)) {
    // As JSON: no sign '+', a digit on each side of the point.
    std::string json = text[0] == '+' ? text.substr(1) : text;
    const auto digits = json[0] == '-' ? 1u : 0u;
    if (json[digits] == '.') json.insert(digits, "0");
    if (const auto dot = json.find('.');
        dot != std::string::npos &&
        (dot + 1 == json.size() || !std::isdigit(static_cast<unsigned char>(json[dot + 1]))))
      json.insert(dot + 1, "0");
    try {
      return JsonValue::number(json);
    } catch (const std::logic_error&) {
      return JsonValue(text);  // leading zeros (007.5): keep the text as written
    }
  }
  return JsonValue(text);
}

}  // namespace

JsonValue yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return JsonValue();
    case YAML::NodeType::Scalar:
      if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str")
        return JsonValue(node.Scalar());
      return plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      auto out = JsonValue::array();
      for (const auto& item : node) out.push(yaml_to_json(item));
      return out;
    }
    case YAML::NodeType::Map: {
      auto out = JsonValue::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) throw Error("a mapping key is not a scalar");
        if (out.find(entry.first.Scalar()) == nullptr)
          out.add(entry.first.Scalar(), yaml_to_json(entry.second));
      }
      return out;
    }
  }
  return JsonValue();
}

}  // namespace gitopsgen
