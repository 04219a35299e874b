#include "generators/platform/names.hpp"

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
    // An all-digit top-level label makes an address (10.0.0.1), not a name.
    if (dot == std::string_view::npos)
      return name.substr(start).find_first_not_of("0123456789") != std::string_view::npos;
    start = dot + 1;
  }
}

bool is_git_branch_name(std::string_view name) {
  if (name.empty() || name.front() == '-' || name == "HEAD" || name == "@") return false;
  if (name.back() == '/' || name.back() == '.') return false;
  for (const auto* bad : {"..", "@{", "//"}) {
    if (name.find(bad) != std::string_view::npos) return false;
  }
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f || std::string_view(" ~^:?*[\\").find(ch) != std::string_view::npos)
      return false;
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    auto slash = name.find('/', start);
    if (slash == std::string_view::npos) slash = name.size();
    const auto part = name.substr(start, slash - start);
    if (part.empty() || part.front() == '.') return false;
    if (part.size() >= 5 && part.substr(part.size() - 5) == ".lock") return false;
    start = slash + 1;
  }
  return true;
}

void require_branch_name(std::string_view name) {
  if (!is_git_branch_name(name))
    throw Error("'" + std::string(name) + "' is not a valid branch name");
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
