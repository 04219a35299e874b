#include "generators/platform/trust_anchor.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

namespace {
const std::string kCert =
    "-----BEGIN CERTIFICATE-----\r\n"
    "MIIBhTCCASugAwIBAgIQIRi6zePL6mKjOipn+dNuaTAKBggqhkjOPQQDAjASMRAw\r\n"
    "DgYDVQQKEwdBY21lIENvMB4XDTE3MTAyMDE5NDMwNloXDTE4MTAyMDE5NDMwNlow\r\n"
    "-----END CERTIFICATE-----\r\n";
}

TEST_CASE("a PEM certificate is accepted and normalised to LF lines") {
  const auto lines = parse_trust_anchor(kCert, "ca.crt");
  REQUIRE(lines.size() == 4);
  CHECK(lines.front() == "-----BEGIN CERTIFICATE-----");
  CHECK(lines[1].back() == 'w');
}

// Base64 of a DER SEQUENCE of 40 bytes: shaped like a key, no real one.
const std::string kKeyShaped = "MCgBAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJico";

TEST_CASE("any private key is refused, whatever its kind") {
  for (const std::string kind : {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
                                 "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY"}) {
    const std::string pem =
        kCert + "-----BEGIN " + kind + "-----\n" + kKeyShaped + "\n-----END " + kind + "-----\n";
    CAPTURE(kind);
    CHECK(contains_private_key(pem));
    CHECK_THROWS_WITH_AS(parse_trust_anchor(pem, "ca.pem"), doctest::Contains("private key"),
                         Error);
  }
  // A commented placeholder beside the certificate is no key.
  CHECK(!contains_private_key(kCert + "# -----BEGIN PRIVATE KEY-----\n# ...\n"));
}

TEST_CASE("anything that is not a certificate is refused") {
  CHECK_THROWS_AS(parse_trust_anchor("", "x"), Error);
  CHECK_THROWS_AS(parse_trust_anchor("hello\n", "x"), Error);
  CHECK_THROWS_AS(parse_trust_anchor(
                      "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", "x"),
                  Error);
  CHECK_THROWS_AS(parse_trust_anchor("-----BEGIN CERTIFICATE-----\nAAAA\n", "x"), Error);
}
