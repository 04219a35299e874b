#include "generators/names.hpp"

#include <regex>

#include "generators/error.hpp"

namespace gitopsgen {

bool is_dns1123_label(std::string_view name) {
  static const std::regex label("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  return name.size() <= 63 && std::regex_match(name.begin(), name.end(), label);
}

bool is_dns1123_subdomain(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const auto dot = name.find('.', start);
    if (!is_dns1123_label(name.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

void require_dns1123_label(std::string_view what, std::string_view name) {
  if (!is_dns1123_label(name)) {
    throw Error(std::string(what) + " '" + std::string(name) +
                "' is not a DNS-1123 label (lowercase letters, digits and '-', at most 63, "
                "starting and ending with a letter or digit)");
  }
}

void require_single_line(std::string_view what, std::string_view value) {
  if (value.empty()) throw Error(std::string(what) + " must not be empty");
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      throw Error(std::string(what) + " must be one line without control characters");
    }
  }
}

}  // namespace gitopsgen
