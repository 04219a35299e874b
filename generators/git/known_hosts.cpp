#include "generators/git/known_hosts.hpp"

#include <mbedtls/base64.h>
#include <mbedtls/md.h>

#include <cstdlib>
#include <sstream>
#include <vector>

namespace gitopsgen {
namespace {

std::string base64_decode(const std::string& text) {
  std::size_t length = 0;
  mbedtls_base64_decode(nullptr, 0, &length, reinterpret_cast<const unsigned char*>(text.data()),
                        text.size());
  std::string out(length, '\0');
  if (mbedtls_base64_decode(reinterpret_cast<unsigned char*>(out.data()), out.size(), &length,
                            reinterpret_cast<const unsigned char*>(text.data()), text.size()) != 0)
    return {};
  out.resize(length);
  return out;
}

// True when one comma-separated host pattern of a known_hosts line names `name`.
bool names_host(const std::string& patterns, const std::string& name) {
  if (patterns.rfind("|1|", 0) == 0) {
    const auto bar = patterns.find('|', 3);
    if (bar == std::string::npos) return false;
    const auto salt = base64_decode(patterns.substr(3, bar - 3));
    const auto expected = base64_decode(patterns.substr(bar + 1));
    unsigned char mac[20];
    if (salt.empty() || expected.size() != sizeof mac ||
        mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA1),
                        reinterpret_cast<const unsigned char*>(salt.data()), salt.size(),
                        reinterpret_cast<const unsigned char*>(name.data()), name.size(), mac) != 0)
      return false;
    return std::string(reinterpret_cast<char*>(mac), sizeof mac) == expected;
  }
  std::istringstream list(patterns);
  for (std::string pattern; std::getline(list, pattern, ',');) {
    if (pattern == name) return true;  // wildcard and negated patterns are not honoured
  }
  return false;
}

}  // namespace

HostKeyVerdict check_host_key(const std::string& known_hosts, const std::string& host, int port,
                              const std::string& key) {
  const std::string name = port == 22 ? host : "[" + host + "]:" + std::to_string(port);
  bool known = false, matched = false, revoked_match = false;
  std::istringstream lines(known_hosts);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string first, patterns, type, blob;
    fields >> first;
    if (first.empty() || first[0] == '#') continue;
    const bool revoked = first == "@revoked";
    if (first[0] == '@') {
      if (!revoked) continue;  // @cert-authority lines need certificates, which we do not use
      fields >> patterns;
    } else {
      patterns = first;
    }
    fields >> type >> blob;
    if (!names_host(patterns, name)) continue;
    const auto decoded = base64_decode(blob);
    const bool same = !decoded.empty() && decoded == key;
    if (revoked) {
      revoked_match |= same;
    } else {
      known = true;
      matched |= same;
    }
  }
  // A revoked key is refused wherever its line stands in the file.
  if (revoked_match) return HostKeyVerdict::mismatch;
  if (matched) return HostKeyVerdict::match;
  return known ? HostKeyVerdict::mismatch : HostKeyVerdict::unknown;
}

std::filesystem::path default_known_hosts() {
  if (const char* file = std::getenv("GITOPSGEN_KNOWN_HOSTS"); file && *file) return file;
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home ? home : "/") / ".ssh" / "known_hosts";
}

}  // namespace gitopsgen
