// The system CA bundle, parsed only by commands that talk to an HTTPS remote.
//
// libgit2 built on mbedTLS (Debian's) parses the whole system bundle inside git_libgit2_init,
// about 5 ms of every command. This unit provides mbedtls_x509_crt_parse_file and
// mbedtls_x509_crt_parse_path in the executable, which the dynamic linker binds libgit2's calls
// to ahead of libmbedx509's: while libgit2 initialises they only note the chain and the path;
// load_system_ca_bundle parses them into that same chain, the one libgit2's TLS configuration
// verifies servers against. Every other call goes to mbedTLS at once. With a libgit2 on another
// TLS library the functions are never called and nothing changes.
#pragma once

#include <cstddef>

namespace gitopsgen::git {

// Runs git_libgit2_init with the system CA bundle's parsing deferred; returns its result.
int init_libgit2_deferring_ca_bundle();

// Parses the CA bundles initialisation deferred into libgit2's chain, once (later calls do
// nothing), and returns how many certificates that parse put there; call it before any HTTPS
// connection. A bundle that fails to parse is skipped, as libgit2's initialisation skips it.
std::size_t load_system_ca_bundle();

// How many CA bundles initialisation deferred and load_system_ca_bundle has not parsed yet.
std::size_t deferred_ca_bundles();

}  // namespace gitopsgen::git
