// The secret-leak scanner: finds private keys, AWS keys and high-entropy secrets in a file's bytes.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gitopsgen {

// The kinds of secret the scanner recognises.
enum class SecretRule { private_key, aws_access_key_id, aws_secret_access_key, high_entropy };

// One suspected secret: where it is and a fingerprint of it, never the secret itself.
struct SecretFinding {
  std::size_t line = 0;     // 1-based line of the match
  SecretRule rule{};        // which rule matched
  std::string key;          // the key the value was assigned to, when there was one
  std::string fingerprint;  // first 12 hex digits of the SHA-256 of the matched value
  bool waived = false;      // an inline `# gitopsgen:allow-secret` comment waives it
};

// Scans `bytes` line by line in one linear pass; private-key blocks (a header whose body holds a
// key, see holds_private_key; not a placeholder) are reported even when the line carries the
// inline waiver (they can never be waived).
std::vector<SecretFinding> scan_for_secrets(std::string_view bytes);

// True when `text` holds a PEM private key of any flavour (PKCS#1/#8, EC, DSA, encrypted,
// OpenSSH, PGP private key block): a header whose body holds a key, not a placeholder.
bool contains_private_key_block(std::string_view text);

// The rule's name as messages show it, e.g. "AWS access key id".
std::string describe(SecretRule rule);

// The fingerprint messages and waivers use: the first 12 hex digits of SHA-256 of `value`.
std::string secret_fingerprint(std::string_view value);

// The waiver file at the repository root: one fingerprint per line, `#` comments allowed.
inline constexpr const char* kSecretWaiverFile = ".gitopsgen-allow-secrets";

// The inline comment that waives a finding on its own line (not a private key).
inline constexpr const char* kSecretWaiverComment = "gitopsgen:allow-secret";

// The fingerprints a waiver file lists; throws Error naming the line of anything else.
std::set<std::string> parse_secret_waivers(std::string_view bytes);

}  // namespace gitopsgen
