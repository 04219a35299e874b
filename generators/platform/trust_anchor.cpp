#include "generators/platform/trust_anchor.hpp"

#include <regex>

#include "generators/change/secret_scan.hpp"
#include "generators/error.hpp"

namespace gitopsgen {

bool contains_private_key(const std::string& text) {
  return contains_private_key_block(text);
}

std::vector<std::string> parse_trust_anchor(const std::string& pem, const std::string& source) {
  if (contains_private_key(pem))
    throw Error(source +
                " holds a private key; give the trust-anchor certificate only "
                "(private keys never enter the repository)");
  static const std::regex base64_line("[A-Za-z0-9+/]{1,76}={0,2}");
  std::vector<std::string> lines;
  bool inside = false;
  int certificates = 0;
  std::size_t start = 0;
  int number = 0;
  while (start < pem.size()) {
    auto end = pem.find('\n', start);
    if (end == std::string::npos) end = pem.size();
    std::string line = pem.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto where = source + ":" + std::to_string(number);
    if (line == "-----BEGIN CERTIFICATE-----") {
      if (inside) throw Error(where + ": certificate block not closed");
      inside = true;
    } else if (line == "-----END CERTIFICATE-----") {
      if (!inside) throw Error(where + ": END without BEGIN");
      inside = false;
      ++certificates;
    } else if (inside) {
      if (!std::regex_match(line, base64_line)) throw Error(where + ": not PEM base64");
    } else if (line.find_first_not_of(" \t") != std::string::npos) {
      throw Error(where + ": only PEM certificates are allowed in a trust-anchor file");
    } else {
      continue;  // blank lines between blocks are dropped
    }
    lines.push_back(line);
  }
  if (inside) throw Error(source + ": certificate block not closed");
  if (certificates == 0) throw Error(source + " holds no PEM certificate");
  return lines;
}

}  // namespace gitopsgen
