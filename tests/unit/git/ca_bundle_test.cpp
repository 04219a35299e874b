#include "generators/git/ca_bundle.hpp"

#include <doctest/doctest.h>
#include <git2.h>

#include <fstream>
#include <string>

#include "generators/git/git_handles.hpp"

using namespace gitopsgen;

namespace {

// The certificates of the bundle Debian's libgit2 is built to trust (its CERT_LOCATION).
std::size_t certificates_in(const char* path) {
  std::ifstream in(path);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);)
    if (line == "-----BEGIN CERTIFICATE-----") ++n;
  return n;
}

}  // namespace

TEST_CASE("the system CA bundle is parsed on first need, into the chain libgit2 verifies with") {
  const char* bundle = "/etc/ssl/certs/ca-certificates.crt";
  const auto expected = certificates_in(bundle);
  if (expected == 0) {
    MESSAGE("no system CA bundle at " << bundle << ": nothing to defer");
    return;
  }
  git::ensure_libgit2();
  // No test before this one talks to a remote, so initialisation's parse is still deferred.
  CHECK(git::deferred_ca_bundles() == 1);
  const auto loaded = git::load_system_ca_bundle();
  CHECK(loaded == expected);
  CHECK(git::deferred_ca_bundles() == 0);
  CHECK(git::load_system_ca_bundle() == loaded);  // once
}
