#include "generators/git/ca_bundle.hpp"

#include <dlfcn.h>
#include <git2.h>
#include <mbedtls/x509_crt.h>

#include <mutex>
#include <string>
#include <vector>

namespace gitopsgen::git {
namespace {

using ParseFn = int (*)(mbedtls_x509_crt*, const char*);

// One parse libgit2's initialisation asked for.
struct Deferred {
  mbedtls_x509_crt* chain;
  std::string path;
  bool directory;  // mbedtls_x509_crt_parse_path rather than _parse_file
};

struct State {
  // Recursive: mbedTLS's parse_path calls parse_file for each file, through this unit.
  std::recursive_mutex lock;
  bool deferring = false;
  std::vector<Deferred> deferred;
  std::size_t certificates = 0;  // in the chains flush parsed into, counted as it parsed them
};

State& state() {
  static State s;
  return s;
}

// mbedTLS's own function of that name: the next definition after this executable's.
ParseFn real(const char* name) {
  return reinterpret_cast<ParseFn>(::dlsym(RTLD_NEXT, name));
}

int call_real(mbedtls_x509_crt* chain, const char* path, bool directory) {
  static const ParseFn file = real("mbedtls_x509_crt_parse_file");
  static const ParseFn dir = real("mbedtls_x509_crt_parse_path");
  const ParseFn fn = directory ? dir : file;
  // MBEDTLS_ERR_X509_FILE_IO_ERROR: without mbedTLS nothing can be parsed.
  return fn ? fn(chain, path) : -0x2900;
}

void flush(State& s) {
  auto pending = std::move(s.deferred);
  s.deferred.clear();
  for (const auto& d : pending) {
    call_real(d.chain, d.path.c_str(), d.directory);
    // Counted now: libgit2 frees the chain when another bundle replaces it.
    for (const auto* c = d.chain; c != nullptr; c = c->next)
      if (c->raw.len > 0) ++s.certificates;
  }
}

int parse_or_defer(mbedtls_x509_crt* chain, const char* path, bool directory) {
  auto& s = state();
  const std::lock_guard guard(s.lock);
  if (s.deferring) {
    s.deferred.push_back({chain, path ? path : "", directory});
    return 0;
  }
  // Anything else that loads certificates (GIT_SSL_CAINFO) replaces libgit2's chain: parse the
  // deferred bundle first, while that chain still exists.
  flush(s);
  return call_real(chain, path, directory);
}

}  // namespace

int init_libgit2_deferring_ca_bundle() {
  auto& s = state();
  const std::lock_guard guard(s.lock);
  s.deferring = true;
  const int rc = git_libgit2_init();
  s.deferring = false;
  return rc;
}

std::size_t load_system_ca_bundle() {
  auto& s = state();
  const std::lock_guard guard(s.lock);
  flush(s);
  return s.certificates;
}

std::size_t deferred_ca_bundles() {
  auto& s = state();
  const std::lock_guard guard(s.lock);
  return s.deferred.size();
}

}  // namespace gitopsgen::git

// The interposed entry points (see ca_bundle.hpp), with mbedTLS's exact signatures.
extern "C" int mbedtls_x509_crt_parse_file(mbedtls_x509_crt* chain, const char* path) {
  return gitopsgen::git::parse_or_defer(chain, path, false);
}

extern "C" int mbedtls_x509_crt_parse_path(mbedtls_x509_crt* chain, const char* path) {
  return gitopsgen::git::parse_or_defer(chain, path, true);
}
