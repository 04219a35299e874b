#include "generators/change/secret_scan.hpp"

#include <mbedtls/md.h>

#include <array>
#include <cmath>
#include <optional>

#include "generators/error.hpp"

namespace gitopsgen {
namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_upper(c) || is_lower(c) || is_digit(c);
}
bool is_word(char c) {
  return is_alnum(c) || c == '_';
}
bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::size_t indent_of(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  return i;
}

std::string_view trim(std::string_view s) {
  const auto start = indent_of(s);
  auto end = s.size();
  while (end > start && is_blank(s[end - 1])) --end;
  return s.substr(start, end - start);
}

// Where a PEM private-key header starts on `line` ("-----BEGIN", any words of [A-Z0-9 ],
// "PRIVATE KEY", optionally " BLOCK", "-----"), or npos.
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

// The AWS access key ids on `line`: a known prefix and 16 more of [A-Z0-9], word-bounded.
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

// Words that make a key secret-named, once lowercased without separators.
constexpr std::string_view kSecretWords[] = {"password", "passwd",     "secret",    "token",
                                             "apikey",   "privatekey", "credential"};

// Endings of a secret-named key that name where the secret is, not the secret.
constexpr std::string_view kReferenceSuffixes[] = {
    "name",   "names",   "ref",      "file",   "path",  "dir",   "mount",    "arn",     "id",
    "url",    "uri",     "endpoint", "class",  "type",  "kind",  "provider", "manager", "version",
    "policy", "enabled", "ttl",      "length", "alias", "store", "volume"};

// `key` lowercased without separators into `out`: `DB_PASSWORD`, `db-password` and `dbPassword`
// agree.
void normalise_key(std::string_view key, std::string& out) {
  out.clear();
  for (const char c : key) {
    if (is_upper(c))
      out += static_cast<char>(c - 'A' + 'a');
    else if (is_lower(c) || is_digit(c))
      out += c;
  }
}

// True when the normalised key names a secret (password, token, API key...).
bool is_secret_key(std::string_view key) {
  for (const auto word : kSecretWords)
    if (key.find(word) != std::string_view::npos) return true;
  return false;
}

// True when the normalised key names where a secret is, not the secret: `secretName`,
// `DB_PASSWORD_FILE`, `tokenUrl`, `secretArn`...
bool names_a_reference(std::string_view key) {
  for (const auto suffix : kReferenceSuffixes)
    if (ends_with(key, suffix)) return true;
  return false;
}

// True when the normalised key holds an AWS secret access key.
bool is_aws_secret_key(std::string_view key) {
  return key.find("secretaccesskey") != std::string_view::npos ||
         key.find("awssecretkey") != std::string_view::npos;
}

// True when `value` has the shape of an AWS secret access key: 40 of [A-Za-z0-9/+=].
bool looks_like_aws_secret(std::string_view value) {
  if (value.size() != 40) return false;
  for (const char c : value)
    if (!is_alnum(c) && c != '/' && c != '+' && c != '=') return false;
  return true;
}

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

// True when `value`, assigned to a secret-named key, is random enough to be a real secret: ten
// characters or more, no spaces, not a reference, at least two character classes, switching
// classes often (see class_switch_rate), and at least 75% of the Shannon entropy a random string
// of its length over its alphabet would have. Random strings of 16+ characters pass 85-99% of
// the time (measured); names, paths and camelCase identifiers do not.
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

// One `key: value`, `key=value` or `export KEY=value` on a line, with the value unquoted.
struct Assignment {
  std::string_view key;
  std::size_t key_column = 0;
  bool item_start = false;  // the line began a sequence item (`- `)
  std::string_view value;   // the scalar value, empty when there is none on the line
  bool block = false;       // the value is a YAML block scalar (`|`, `>-`...) on the next lines
};

// The value text after the separator: unquoted, its comment dropped; `block` for `|` and `>`.
std::string_view scalar_value(std::string_view rest, bool& block) {
  rest = trim(rest);
  while (!rest.empty() && (rest.front() == '!' || rest.front() == '&')) {  // tag or anchor
    const auto space = rest.find_first_of(" \t");
    rest = space == std::string_view::npos ? std::string_view{} : trim(rest.substr(space));
  }
  if (rest.empty() || rest.front() == '#' || rest.front() == '*') return {};
  const char first = rest.front();
  if (first == '|' || first == '>') {
    std::size_t i = 1;
    while (i < rest.size() && (is_digit(rest[i]) || rest[i] == '-' || rest[i] == '+')) ++i;
    const auto tail = trim(rest.substr(i));
    block = tail.empty() || tail.front() == '#';
    return block ? std::string_view{} : rest;
  }
  if (first == '"' || first == '\'') {
    std::size_t i = 1;
    for (; i < rest.size(); ++i) {
      if (first == '"' && rest[i] == '\\') {
        ++i;
      } else if (rest[i] == first) {
        if (first == '\'' && i + 1 < rest.size() && rest[i + 1] == '\'') {
          ++i;
        } else {
          break;
        }
      }
    }
    return rest.substr(1, std::min(i, rest.size()) - 1);
  }
  if (first == '{' || first == '[') return {};
  for (std::size_t i = 1; i < rest.size(); ++i)
    if (rest[i] == '#' && is_blank(rest[i - 1])) return trim(rest.substr(0, i));
  return rest;
}

std::optional<Assignment> parse_assignment(std::string_view line) {
  Assignment a;
  std::size_t i = indent_of(line);
  while (i < line.size() && line[i] == '-' && (i + 1 == line.size() || is_blank(line[i + 1]))) {
    a.item_start = true;
    ++i;
    while (i < line.size() && is_blank(line[i])) ++i;
  }
  if (line.substr(i, 7) == "export ") i += 7;
  while (i < line.size() && (is_blank(line[i]) || line[i] == '{')) ++i;  // also `{"key": ...`
  if (i >= line.size() || line[i] == '#') return std::nullopt;
  a.key_column = i;
  std::size_t j = i;
  if (line[i] == '"' || line[i] == '\'') {
    const auto close = line.find(line[i], i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    a.key = line.substr(i + 1, close - i - 1);
    j = close + 1;
  } else {
    while (j < line.size() && line[j] != ':' && line[j] != '=' && !is_blank(line[j])) ++j;
    a.key = line.substr(i, j - i);
  }
  while (j < line.size() && is_blank(line[j])) ++j;
  if (a.key.empty() || j >= line.size()) return std::nullopt;
  if (line[j] == ':') {
    if (j + 1 < line.size() && !is_blank(line[j + 1])) return std::nullopt;
  } else if (line[j] != '=') {
    return std::nullopt;
  }
  a.value = scalar_value(line.substr(j + 1), a.block);
  return a;
}

// True when `line` carries the inline waiver in a comment: `#`, at the line's start or after a
// blank, then optional blanks and the marker.
bool has_inline_waiver(std::string_view line) {
  for (auto at = line.find(kSecretWaiverComment); at != std::string_view::npos;
       at = line.find(kSecretWaiverComment, at + 1)) {
    auto hash = at;
    while (hash > 0 && is_blank(line[hash - 1])) --hash;
    if (hash > 0 && line[hash - 1] == '#' && (hash == 1 || is_blank(line[hash - 2]))) return true;
  }
  return false;
}

// Scans a file line by line; keeps the little state the multi-line forms need.
class Scanner {
 public:
  explicit Scanner(std::string_view bytes)
      : bytes_(bytes), may_hold_key_(bytes.find("PRIVATE KEY") != std::string_view::npos) {}

  std::vector<SecretFinding> run() {
    std::size_t start = 0;
    while (start < bytes_.size()) {
      auto end = bytes_.find('\n', start);
      if (end == std::string_view::npos) end = bytes_.size();
      auto line = bytes_.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++number_;
      scan_line(line, start);
      start = end + 1;
    }
    return std::move(findings_);
  }

 private:
  void add(SecretRule rule, std::string_view key, std::string_view value, std::string_view line) {
    findings_.push_back({number_, rule, std::string(key), secret_fingerprint(value),
                         rule != SecretRule::private_key && has_inline_waiver(line)});
  }

  // Checks one value assigned to `key` (a YAML key, an env-list name, a variable).
  void check_value(std::string_view key, std::string_view value, std::string_view line) {
    for (const auto id : line_ids_)  // already reported as an AWS access key id
      if (value.find(id) != std::string_view::npos) return;
    if (key.size() < 5) return;  // shorter than any secret-named key ("token")
    normalise_key(key, key_);
    const std::string_view k = key_;
    if (is_aws_secret_key(k) && looks_like_aws_secret(value))
      add(SecretRule::aws_secret_access_key, key, value, line);
    else if (is_secret_key(k) && !names_a_reference(k) && is_high_entropy_secret(value))
      add(SecretRule::high_entropy, key, value, line);
  }

  void scan_line(std::string_view line, std::size_t offset) {
    if (in_key_block_) {  // a private-key block's body: reported at its header
      if (line.find("-----END ") != std::string_view::npos) in_key_block_ = false;
      return;
    }
    if (may_hold_key_) {
      const auto header = find_private_key_header(line);
      if (header != std::string_view::npos) {
        const auto from = offset + header;
        const auto end_marker = bytes_.find("-----END ", from);
        auto to = end_marker == std::string_view::npos ? bytes_.find('\n', from)
                                                       : bytes_.find("-----", end_marker + 9);
        to = to == std::string_view::npos ? bytes_.size() : to;
        // The block without its indentation and line ends: the same key in a .pem file and
        // indented in a YAML block scalar has one fingerprint.
        std::string block;
        for (const char c : bytes_.substr(from, to - from))
          if (!is_blank(c) && c != '\r' && c != '\n') block += c;
        add(SecretRule::private_key, {}, block, line);
        in_key_block_ = line.find("-----END ", header) == std::string_view::npos;
        return;
      }
    }
    line_ids_ = find_aws_access_key_ids(line);
    for (const auto id : line_ids_) add(SecretRule::aws_access_key_id, {}, id, line);

    const auto indent = indent_of(line);
    const bool blank = indent == line.size();
    if (block_) {  // the lines of a block scalar under a secret-named key
      if (blank) return;
      if (indent > block_column_) {
        check_value(block_key_, trim(line), line);
        return;
      }
      block_ = false;
    }
    const auto a = parse_assignment(line);
    if (!a) {
      if (!blank && line[indent] != '#' && indent < item_column_) item_ = false;
      return;
    }
    check_value(a->key, a->value, line);
    if (a->block && (normalise_key(a->key, key_), is_secret_key(key_))) {
      block_ = true;
      block_key_ = a->key;
      block_column_ = a->key_column;
    }
    track_env_item(*a, line);
  }

  // The env-list form `- name: DB_PASSWORD` / `value: ...`: the value is checked under the name.
  void track_env_item(const Assignment& a, std::string_view line) {
    if (a.item_start) {
      item_ = true;
      item_column_ = a.key_column;
      item_name_ = {};
      item_value_.reset();
    } else if (item_ && a.key_column < item_column_) {
      item_ = false;
    }
    if (!item_ || a.key_column != item_column_) return;
    if (a.key == "name") {
      item_name_ = a.value;
      if (item_value_) {
        const auto saved = number_;
        number_ = item_value_line_;
        check_value(item_name_, *item_value_, item_value_text_);
        number_ = saved;
      }
    } else if (a.key == "value") {
      item_value_ = a.value;
      item_value_line_ = number_;
      item_value_text_ = line;
      if (!item_name_.empty()) check_value(item_name_, a.value, line);
    }
  }

  std::string_view bytes_;
  bool may_hold_key_;
  std::size_t number_ = 0;
  std::vector<SecretFinding> findings_;
  std::string key_;                         // the normalised key, reused
  std::vector<std::string_view> line_ids_;  // the AWS access key ids of the current line
  bool in_key_block_ = false;
  bool block_ = false;
  std::string_view block_key_;
  std::size_t block_column_ = 0;
  bool item_ = false;
  std::size_t item_column_ = 0;
  std::string_view item_name_;
  std::optional<std::string_view> item_value_;
  std::size_t item_value_line_ = 0;
  std::string_view item_value_text_;
};

}  // namespace

std::vector<SecretFinding> scan_for_secrets(std::string_view bytes) {
  return Scanner(bytes).run();
}

bool contains_private_key_block(std::string_view text) {
  if (text.find("PRIVATE KEY") == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (find_private_key_header(text.substr(start, end - start)) != std::string_view::npos)
      return true;
    start = end + 1;
  }
  return false;
}

std::string describe(SecretRule rule) {
  switch (rule) {
    case SecretRule::private_key:
      return "private key";
    case SecretRule::aws_access_key_id:
      return "AWS access key id";
    case SecretRule::aws_secret_access_key:
      return "AWS secret access key";
    case SecretRule::high_entropy:
      return "high-entropy secret";
  }
  return "secret";
}

std::string secret_fingerprint(std::string_view value) {
  std::array<unsigned char, 32> digest{};
  mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
             reinterpret_cast<const unsigned char*>(value.data()), value.size(), digest.data());
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 6; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

std::set<std::string> parse_secret_waivers(std::string_view bytes) {
  std::set<std::string> fingerprints;
  std::size_t start = 0, number = 0;
  while (start < bytes.size()) {
    auto end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    auto line = bytes.substr(start, end - start);
    start = end + 1;
    ++number;
    if (const auto hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = trim(line);
    if (line.empty()) continue;
    std::string fp;
    for (const char c : line) fp += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
    const bool hex =
        fp.size() == 12 && fp.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex)
      throw Error(std::string(kSecretWaiverFile) + ":" + std::to_string(number) +
                  ": expected a 12-hex-digit secret fingerprint, one per line");
    fingerprints.insert(fp);
  }
  return fingerprints;
}

}  // namespace gitopsgen
