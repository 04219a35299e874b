#include "generators/change/secret_scan.hpp"

#include <mbedtls/md.h>

#include <array>
#include <optional>

#include "generators/change/pem_key.hpp"
#include "generators/change/secret_rules.hpp"
#include "generators/error.hpp"

namespace gitopsgen {
using secret_rules::find_aws_access_key_ids;
using secret_rules::find_private_key_header;
using secret_rules::indent_of;
using secret_rules::is_aws_secret_key;
using secret_rules::is_blank;
using secret_rules::is_digit;
using secret_rules::is_high_entropy_secret;
using secret_rules::is_secret_key;
using secret_rules::is_upper;
using secret_rules::looks_like_aws_secret;
using secret_rules::names_a_reference;
using secret_rules::normalise_key;
using secret_rules::trim;

namespace {

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

// What follows the private-key header at `header` in `bytes`: the block's body and whatever
// comes after it (holds_private_key stops at the END marker).
std::string_view key_body(std::string_view bytes, std::size_t header) {
  const auto close = bytes.find("-----", header + 11);  // past "-----BEGIN "
  return close == std::string_view::npos ? std::string_view() : bytes.substr(close + 5);
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
      if (header != std::string_view::npos &&
          holds_private_key(key_body(bytes_, offset + header))) {
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
    const auto header = find_private_key_header(text.substr(start, end - start));
    if (header != std::string_view::npos && holds_private_key(key_body(text, start + header)))
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
