#include "generators/platform/names.hpp"

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

TEST_CASE("a host name is never an IPv4 literal or all-digit top-level label") {
  CHECK(is_dns1123_subdomain("10.0.0.example"));
  CHECK(is_dns1123_subdomain("api.v2"));
  CHECK(is_dns1123_subdomain("1a"));
  CHECK_FALSE(is_dns1123_subdomain("10.0.0.1"));
  CHECK_FALSE(is_dns1123_subdomain("example.123"));
  CHECK_FALSE(is_dns1123_subdomain("8080"));
}

TEST_CASE("branch names follow git check-ref-format --branch") {
  for (const char* good : {"main", "release/service-a-1.4.0", "feature/x_y", "a.b", "v1@2"})
    CHECK_MESSAGE(is_git_branch_name(good), good);
  for (const char* bad : {"",     "-x",     "a..b",     "a b",   "a~1", "a^",   "a:b",  "a?",
                          "a*",   "a[",     "a\\b",     "a/",    "/a",  "a//b", "a.",   ".a",
                          "a/.b", "a.lock", "a.lock/b", "a@{1}", "@",   "HEAD", "a\nb", "a\x7f"})
    CHECK_MESSAGE(!is_git_branch_name(bad), bad);
  CHECK_THROWS_WITH_AS(require_branch_name("-x"), "'-x' is not a valid branch name", Error);
}
