// The low-level SHA-1 functions are deprecated in OpenSSL 3.0 in favour of EVP; see the header
// for why they are used.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "generators/git/object_hash.hpp"

#include <openssl/sha.h>

#include <string>

#include "generators/error.hpp"

namespace gitopsgen::git {

Sha1::Sha1() : ctx_(std::make_unique<SHA_CTX>()) {
  if (SHA1_Init(ctx_.get()) != 1) throw Error("cannot start a SHA-1 digest");
}

Sha1::~Sha1() = default;

void Sha1::update(const void* data, std::size_t size) {
  if (SHA1_Update(ctx_.get(), data, size) != 1) throw Error("cannot add to a SHA-1 digest");
}

std::array<unsigned char, 20> Sha1::finish() {
  std::array<unsigned char, 20> out{};
  if (SHA1_Final(out.data(), ctx_.get()) != 1) throw Error("cannot finish a SHA-1 digest");
  return out;
}

git_oid blob_hash(std::string_view bytes) {
  const auto header = "blob " + std::to_string(bytes.size());
  SHA_CTX ctx;
  git_oid id;
  static_assert(sizeof id.id == SHA_DIGEST_LENGTH);
  // The header's terminating NUL is part of what git hashes.
  if (SHA1_Init(&ctx) != 1 || SHA1_Update(&ctx, header.c_str(), header.size() + 1) != 1 ||
      SHA1_Update(&ctx, bytes.data(), bytes.size()) != 1 || SHA1_Final(id.id, &ctx) != 1)
    throw Error("cannot compute a blob id");
  return id;
}

}  // namespace gitopsgen::git
