#include "generators/yaml/yaml_scalar.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <regex>

namespace gitopsgen {
namespace {

// Words that YAML 1.1 or 1.2 resolve to booleans or null, compared case-insensitively.
constexpr std::array<std::string_view, 13> kReservedWords = {
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "=", "<<", ""};

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Anything a YAML 1.1 or 1.2 reader could take for a number, a date or a time.
bool looks_numeric_or_temporal(std::string_view text) {
  // Every such form holds a digit, except .inf and .nan: most names skip the regex.
  if (text.find_first_of("0123456789") == std::string_view::npos && text.front() != '.' &&
      !((text.front() == '+' || text.front() == '-') && text.size() > 1 && text[1] == '.'))
    return false;
  // Every form but a date with a time is spelled with these characters only: a name or host
  // with any other letter skips the regex (most generated values do).
  static constexpr std::string_view kNumericChars = "0123456789+-._:eExXoObBabcdfABCDFinINaA";
  const bool date_prefix =
      text.size() >= 5 && text[4] == '-' &&
      std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
  if (!date_prefix && text.find_first_not_of(kNumericChars) != std::string_view::npos) return false;
  static const std::regex numeric(R"([-+]?(\.[0-9_]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?)"
                                  R"(|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[oO]?[0-7_]+|[-+]?0[bB][01_]+)"
                                  R"(|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)"
                                  R"(|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))"
                                  R"(|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?)");
  return std::regex_match(text.begin(), text.end(), numeric);
}

}  // namespace

bool is_safe_plain_scalar(std::string_view text) {
  for (auto word : kReservedWords) {
    if (equals_ignore_case(text, word)) return false;
  }
  if (looks_numeric_or_temporal(text)) return false;
  if (text.front() == ' ' || text.back() == ' ') return false;
  // Indicators that may not start a plain scalar.
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(text.front()) != std::string_view::npos)
    return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') return false;  // flow context
    if (c == '#' && i > 0 && text[i - 1] == ' ') return false;
    if (c == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) return false;
    if (c == '\\' || c == '"' || c == '\'') return false;  // legal, but confusing to readers
  }
  return true;
}

std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string yaml_scalar(std::string_view text) {
  if (!text.empty() && is_safe_plain_scalar(text)) return std::string(text);
  return double_quoted(text);
}

}  // namespace gitopsgen
