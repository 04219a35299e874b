#include "generators/change/pem_key.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace gitopsgen;

namespace {

std::string base64(const std::vector<std::uint8_t>& data) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += 3) {
    const std::uint32_t n = (data[i] << 16) | (i + 1 < data.size() ? data[i + 1] << 8 : 0) |
                            (i + 2 < data.size() ? data[i + 2] : 0);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < data.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// A DER SEQUENCE holding `size` content bytes, long-form length when it needs one.
std::vector<std::uint8_t> der_sequence(std::size_t size) {
  std::vector<std::uint8_t> der{0x30};
  if (size < 128) {
    der.push_back(static_cast<std::uint8_t>(size));
  } else {
    der.push_back(0x82);
    der.push_back(static_cast<std::uint8_t>(size >> 8));
    der.push_back(static_cast<std::uint8_t>(size & 0xff));
  }
  for (std::size_t i = 0; i < size; ++i) der.push_back(static_cast<std::uint8_t>(i * 7 + 1));
  return der;
}

// `text` in lines of 64 characters, each prefixed by `prefix`, as PEM writes it.
std::string wrapped(const std::string& text, const std::string& prefix) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 64) out += prefix + text.substr(i, 64) + "\n";
  return out;
}

}  // namespace

TEST_CASE("a body of base64 DER of its own length is a key, however it is indented or quoted") {
  const auto body = base64(der_sequence(1190));  // the size of an RSA-2048 PKCS#1 key
  CHECK(holds_private_key("\n" + wrapped(body, "") + "-----END RSA PRIVATE KEY-----\n"));
  CHECK(holds_private_key("\n" + wrapped(body, "    ") + "    -----END RSA PRIVATE KEY-----\n"));
  CHECK(holds_private_key("\n" + wrapped(body, "## ") + "## -----END RSA PRIVATE KEY-----\n"));
  CHECK(holds_private_key("\n" + wrapped(body, "// ") + "// -----END RSA PRIVATE KEY-----\n"));
  CHECK(holds_private_key("\\n" + body + "\\n-----END PRIVATE KEY-----\\n\"}"));
  CHECK(holds_private_key("\n" + wrapped(base64(der_sequence(46)), "")));  // Ed25519: no END
  CHECK(holds_private_key("\n" + wrapped(body, "") + "-----END RSA PRIVATE KEY-----\nnext: 1\n"));
}

TEST_CASE("a key whose base64 starts a line with // is a key in every form, // comments too") {
  auto der = der_sequence(1190);
  for (const std::size_t line : {1, 2, 7})  // 48 bytes make a line of 64 characters
    der[48 * line] = der[48 * line + 1] = 0xff;
  const auto body = base64(der);
  REQUIRE(body.substr(64, 2) == "//");
  CHECK(holds_private_key("\n" + wrapped(body, "") + "-----END PRIVATE KEY-----\n"));
  CHECK(holds_private_key("\n" + wrapped(body, "  ") + "  -----END PRIVATE KEY-----\n"));
  CHECK(holds_private_key("\n" + wrapped(body, "##   ") + "##   -----END PRIVATE KEY-----\n"));
  CHECK(holds_private_key("\n" + wrapped(body, "// ") + "// -----END PRIVATE KEY-----\n"));
  CHECK(holds_private_key("\n" + wrapped(body, "//") + "//-----END PRIVATE KEY-----\n"));
  CHECK(holds_private_key("\\n" + body.substr(0, 64) + "\\n" + body.substr(64) +
                          "\\n-----END PRIVATE KEY-----\\n\"}"));  // in a JSON string
}

TEST_CASE("placeholders, prose and truncated examples are no keys") {
  CHECK(!holds_private_key(""));
  CHECK(!holds_private_key("\n##       ...\n##       -----END RSA PRIVATE KEY-----\n"));
  CHECK(!holds_private_key("\n  ................................\n  -----END PRIVATE KEY-----"));
  CHECK(!holds_private_key("\n<your key here>\n-----END PRIVATE KEY-----\n"));
  CHECK(!holds_private_key("\nMIIEowIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n"));
  CHECK(!holds_private_key("\nAAAA\n-----END PRIVATE KEY-----\n"));
  // The first lines of a real key, cut off: the DER length no longer matches.
  const auto body = base64(der_sequence(1190));
  CHECK(!holds_private_key("\n" + wrapped(body.substr(0, 256), "") + "-----END PRIVATE KEY-----"));
  // base64 of something that is no key structure.
  CHECK(!holds_private_key("\n" +
                           base64({'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', ' ', 't',
                                   'h', 'e', 'r', 'e', '!'}) +
                           "\n-----END PRIVATE KEY-----"));
}

TEST_CASE("legacy-encrypted, OpenSSH and OpenPGP keys are keys") {
  std::vector<std::uint8_t> cipher(1200, 0x5a);
  CHECK(holds_private_key("\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0123456789ABCDEF\n\n" +
                          wrapped(base64(cipher), "") + "-----END RSA PRIVATE KEY-----\n"));
  std::vector<std::uint8_t> openssh{'o', 'p', 'e', 'n', 's', 's', 'h', '-',
                                    'k', 'e', 'y', '-', 'v', '1', 0};
  openssh.resize(400, 0x11);
  CHECK(
      holds_private_key("\n" + wrapped(base64(openssh), "") + "-----END OPENSSH PRIVATE KEY-----"));
  std::vector<std::uint8_t> pgp{0xc5};
  pgp.resize(300, 0x22);
  CHECK(holds_private_key("\nVersion: GnuPG v2\n\n" + wrapped(base64(pgp), "") +
                          "=ab12\n-----END PGP PRIVATE KEY BLOCK-----\n"));
}
