// The rules of the secret scanner: what a private-key header, an AWS key and a secret-named key
// holding a random value look like, on one line of text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gitopsgen::secret_rules {

// The ASCII classes the rules and the scanner read lines with.
inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_alnum(char c) {
  return is_upper(c) || is_lower(c) || is_digit(c);
}
inline bool is_word(char c) {
  return is_alnum(c) || c == '_';
}
inline bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// True when `s` ends with `suffix`.
inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The number of blanks `line` starts with.
inline std::size_t indent_of(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  return i;
}

// `s` without its leading and trailing blanks.
inline std::string_view trim(std::string_view s) {
  const auto start = indent_of(s);
  auto end = s.size();
  while (end > start && is_blank(s[end - 1])) --end;
  return s.substr(start, end - start);
}

// Where a PEM private-key header starts on `line` ("-----BEGIN", any words of [A-Z0-9 ],
// "PRIVATE KEY", optionally " BLOCK", "-----"), or npos.
std::size_t find_private_key_header(std::string_view line);

// The AWS access key ids on `line`: a known prefix and 16 more of [A-Z0-9], word-bounded.
std::vector<std::string_view> find_aws_access_key_ids(std::string_view line);

// `key` lowercased without separators into `out`: `DB_PASSWORD`, `db-password` and `dbPassword`
// agree.
void normalise_key(std::string_view key, std::string& out);

// True when the normalised key names a secret (password, token, API key...).
bool is_secret_key(std::string_view key);

// True when the normalised key names where a secret is, not the secret: `secretName`,
// `DB_PASSWORD_FILE`, `tokenUrl`, `secretArn`...
bool names_a_reference(std::string_view key);

// True when the normalised key holds an AWS secret access key.
bool is_aws_secret_key(std::string_view key);

// True when `value` has the shape of an AWS secret access key: 40 of [A-Za-z0-9/+=].
bool looks_like_aws_secret(std::string_view value);

// True when `value`, assigned to a secret-named key, is random enough to be a real secret: ten
// characters or more, no spaces, not a reference, at least two character classes, switching
// classes often (class_switch_rate in the .cpp), and at least 75% of the Shannon entropy a random
// string of its length over its alphabet would have. Random strings of 16+ characters pass 85-99%
// of the time (measured); names, paths and camelCase identifiers do not.
bool is_high_entropy_secret(std::string_view value);

}  // namespace gitopsgen::secret_rules
