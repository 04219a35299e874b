// Checking a Linkerd trust-anchor file: public certificates only, never a private key.
#pragma once

#include <string>
#include <vector>

namespace gitopsgen {

// True when `text` holds any PEM private-key block (RSA, EC, PKCS#8, encrypted, OpenSSH...).
bool contains_private_key(const std::string& text);

// The lines of the PEM certificate(s) in `pem` (named `source` in errors), normalised to LF;
// throws Error when it holds a private key, no certificate, or anything but certificates.
std::vector<std::string> parse_trust_anchor(const std::string& pem, const std::string& source);

}  // namespace gitopsgen
