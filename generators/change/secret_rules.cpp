#include "generators/change/secret_rules.hpp"

#include <array>
#include <cmath>

namespace gitopsgen::secret_rules {
namespace {

// Words that make a key secret-named, once lowercased without separators.
constexpr std::string_view kSecretWords[] = {"password", "passwd",     "secret",    "token",
                                             "apikey",   "privatekey", "credential"};

// Endings of a secret-named key that name where the secret is, not the secret.
constexpr std::string_view kReferenceSuffixes[] = {
    "name",   "names",   "ref",      "file",   "path",  "dir",   "mount",    "arn",     "id",
    "url",    "uri",     "endpoint", "class",  "type",  "kind",  "provider", "manager", "version",
    "policy", "enabled", "ttl",      "length", "alias", "store", "volume"};

// True when `value` points at a secret rather than holding one: a path, a URL, an ARN, an
// environment or template reference, a `<placeholder>`.
bool is_reference(std::string_view v) {
  if (v.empty()) return true;
  if (v.front() == '/' || (v.front() == '<' && v.back() == '>')) return true;
  if (v.front() == '$' && v.size() > 1 &&
      (is_upper(v[1]) || v[1] == '_' || v[1] == '{' || v[1] == '('))
    return true;
  for (const std::string_view marker : {"{{", "://", "${"})
    if (v.find(marker) != std::string_view::npos) return true;
  for (const std::string_view prefix : {"./", "../", "~/", "arn:", "ref+", "vault:"})
    if (v.substr(0, prefix.size()) == prefix) return true;
  return false;
}

// Shannon entropy of `v` in bits per character.
double shannon_entropy(std::string_view v) {
  std::array<std::size_t, 256> counts{};
  for (const char c : v) ++counts[static_cast<unsigned char>(c)];
  double bits = 0;
  const auto n = static_cast<double>(v.size());
  for (const auto count : counts) {
    if (count == 0) continue;
    const double p = static_cast<double>(count) / n;
    bits -= p * std::log2(p);
  }
  return bits;
}

// The share of neighbouring alphanumeric characters that switch between letter and digit or from
// lower to upper case. Identifiers switch only where a word starts (`service-a-database` 0,
// `IfNotPresent` 0.18); random strings switch about every other character (base64 0.45, hex 0.47).
double class_switch_rate(std::string_view v) {
  std::size_t pairs = 0, switches = 0;
  for (std::size_t i = 1; i < v.size(); ++i) {
    const char a = v[i - 1], b = v[i];
    if (!is_alnum(a) || !is_alnum(b)) continue;
    ++pairs;
    if (is_digit(a) != is_digit(b) || (is_lower(a) && is_upper(b))) ++switches;
  }
  return pairs == 0 ? 0.0 : static_cast<double>(switches) / static_cast<double>(pairs);
}

}  // namespace

std::size_t find_private_key_header(std::string_view line) {
  constexpr std::string_view kBegin = "-----BEGIN ";
  for (auto pos = line.find(kBegin); pos != std::string_view::npos;
       pos = line.find(kBegin, pos + 1)) {
    auto end = pos + kBegin.size();
    while (end < line.size() && (is_upper(line[end]) || is_digit(line[end]) || line[end] == ' '))
      ++end;
    const auto words = line.substr(pos + kBegin.size(), end - pos - kBegin.size());
    if (line.substr(end, 5) == "-----" &&
        (ends_with(words, "PRIVATE KEY") || ends_with(words, "PRIVATE KEY BLOCK")))
      return pos;
  }
  return std::string_view::npos;
}

std::vector<std::string_view> find_aws_access_key_ids(std::string_view line) {
  std::vector<std::string_view> ids;
  constexpr std::size_t kLength = 20;
  for (auto i = line.find('A'); i != std::string_view::npos && i + kLength <= line.size();
       i = line.find('A', i + 1)) {
    if (i > 0 && is_word(line[i - 1])) continue;
    const auto prefix = line.substr(i, 4);
    const bool known =
        prefix == "AKIA" || prefix == "ASIA" || prefix == "ABIA" || prefix == "ACCA" ||
        (prefix.substr(0, 3) == "A3T" && (is_upper(prefix[3]) || is_digit(prefix[3])));
    if (!known) continue;
    std::size_t j = i + 4;
    while (j < i + kLength && (is_upper(line[j]) || is_digit(line[j]))) ++j;
    if (j != i + kLength || (j < line.size() && is_word(line[j]))) continue;
    ids.push_back(line.substr(i, kLength));
    i = j - 1;
  }
  return ids;
}

void normalise_key(std::string_view key, std::string& out) {
  out.clear();
  for (const char c : key) {
    if (is_upper(c))
      out += static_cast<char>(c - 'A' + 'a');
    else if (is_lower(c) || is_digit(c))
      out += c;
  }
}

bool is_secret_key(std::string_view key) {
  for (const auto word : kSecretWords)
    if (key.find(word) != std::string_view::npos) return true;
  return false;
}

bool names_a_reference(std::string_view key) {
  for (const auto suffix : kReferenceSuffixes)
    if (ends_with(key, suffix)) return true;
  return false;
}

bool is_aws_secret_key(std::string_view key) {
  return key.find("secretaccesskey") != std::string_view::npos ||
         key.find("awssecretkey") != std::string_view::npos;
}

bool looks_like_aws_secret(std::string_view value) {
  if (value.size() != 40) return false;
  for (const char c : value)
    if (!is_alnum(c) && c != '/' && c != '+' && c != '=') return false;
  return true;
}

bool is_high_entropy_secret(std::string_view value) {
  constexpr std::size_t kMinLength = 10;
  constexpr double kMinSwitchRate = 0.2;
  constexpr double kEntropyShare = 0.75;
  if (value.size() < kMinLength || is_reference(value)) return false;
  bool lower = false, upper = false, digit = false, hex_lower = true, hex_upper = true;
  std::array<bool, 128> symbols{};
  std::size_t symbol_count = 0;
  for (const char c : value) {
    if (is_blank(c)) return false;
    if (is_lower(c)) {
      lower = true;
      hex_lower &= c <= 'f';
    } else if (is_upper(c)) {
      upper = true;
      hex_upper &= c <= 'F';
    } else if (is_digit(c)) {
      digit = true;
    } else if (const auto u = static_cast<unsigned char>(c); u < 128 && !symbols[u]) {
      symbols[u] = true;
      ++symbol_count;
    }
  }
  const int classes = lower + upper + digit + (symbol_count > 0);
  if (classes < 2 || class_switch_rate(value) < kMinSwitchRate) return false;
  const double alphabet = (lower ? (hex_lower ? 6 : 26) : 0) + (upper ? (hex_upper ? 6 : 26) : 0) +
                          (digit ? 10 : 0) + static_cast<double>(symbol_count);
  const double ideal = std::log2(std::min(static_cast<double>(value.size()), alphabet));
  return shannon_entropy(value) >= kEntropyShare * ideal;
}

}  // namespace gitopsgen::secret_rules
