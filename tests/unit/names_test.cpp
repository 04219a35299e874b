#include "generators/names.hpp"

#include <doctest/doctest.h>

#include "generators/error.hpp"

using namespace gitopsgen;

TEST_CASE("DNS-1123 labels") {
  CHECK(is_dns1123_label("vsf-miniapp"));
  CHECK(is_dns1123_label("a"));
  CHECK(is_dns1123_label(std::string(63, 'a')));
  CHECK_FALSE(is_dns1123_label(std::string(64, 'a')));
  CHECK_FALSE(is_dns1123_label(""));
  CHECK_FALSE(is_dns1123_label("-a"));
  CHECK_FALSE(is_dns1123_label("a-"));
  CHECK_FALSE(is_dns1123_label("Upper"));
  CHECK_FALSE(is_dns1123_label("a_b"));
  CHECK_FALSE(is_dns1123_label("a.b"));
  CHECK_THROWS_AS(require_dns1123_label("platform name", "Bad Name"), Error);
}

TEST_CASE("DNS-1123 subdomains") {
  CHECK(is_dns1123_subdomain("vsf-miniapp.com"));
  CHECK(is_dns1123_subdomain("a.b.c"));
  CHECK_FALSE(is_dns1123_subdomain("a..b"));
  CHECK_FALSE(is_dns1123_subdomain(".a"));
  CHECK_FALSE(is_dns1123_subdomain("A.com"));
}
