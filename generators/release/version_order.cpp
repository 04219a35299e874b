#include "generators/release/version_order.hpp"

#include <string_view>
#include <vector>

namespace gitopsgen {
namespace {

struct Version {
  unsigned long long parts[3] = {0, 0, 0};
  std::vector<std::string_view> pre;  // dot-separated pre-release identifiers
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// A numeric identifier: digits, no leading zero unless it is "0", and not absurdly long.
bool numeric(std::string_view s) {
  return all_digits(s) && (s.size() == 1 || s[0] != '0') && s.size() <= 18;
}

bool identifier(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
      return false;
  return true;
}

std::vector<std::string_view> split(std::string_view s, char by) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto at = s.find(by, start);
    out.push_back(
        s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::optional<Version> parse(std::string_view tag) {
  if (!tag.empty() && (tag[0] == 'v' || tag[0] == 'V')) tag.remove_prefix(1);
  if (const auto plus = tag.find('+'); plus != std::string_view::npos) {
    for (const auto id : split(tag.substr(plus + 1), '.'))
      if (!identifier(id)) return std::nullopt;
    tag = tag.substr(0, plus);
  }
  Version v;
  if (const auto dash = tag.find('-'); dash != std::string_view::npos) {
    v.pre = split(tag.substr(dash + 1), '.');
    for (const auto id : v.pre)
      if (!identifier(id) || (all_digits(id) && !numeric(id))) return std::nullopt;
    tag = tag.substr(0, dash);
  }
  const auto parts = split(tag, '.');
  if (parts.size() > 3) return std::nullopt;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!numeric(parts[i])) return std::nullopt;
    v.parts[i] = std::stoull(std::string(parts[i]));
  }
  return v;
}

int compare_identifiers(std::string_view a, std::string_view b) {
  const bool na = all_digits(a), nb = all_digits(b);
  if (na && nb) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a == b ? 0 : (a < b ? -1 : 1);
  }
  if (na != nb) return na ? -1 : 1;  // numeric identifiers sort below alphanumeric ones
  return a == b ? 0 : (a < b ? -1 : 1);
}

}  // namespace

std::optional<int> compare_versions(const std::string& a, const std::string& b) {
  const auto x = parse(a), y = parse(b);
  if (!x || !y) return std::nullopt;
  for (int i = 0; i < 3; ++i)
    if (x->parts[i] != y->parts[i]) return x->parts[i] < y->parts[i] ? -1 : 1;
  if (x->pre.empty() || y->pre.empty()) {
    if (x->pre.empty() == y->pre.empty()) return 0;
    return x->pre.empty() ? 1 : -1;  // a pre-release is below its release
  }
  for (std::size_t i = 0; i < x->pre.size() && i < y->pre.size(); ++i)
    if (const int c = compare_identifiers(x->pre[i], y->pre[i]); c != 0) return c;
  if (x->pre.size() == y->pre.size()) return 0;
  return x->pre.size() < y->pre.size() ? -1 : 1;
}

}  // namespace gitopsgen
