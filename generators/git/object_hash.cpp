#include "generators/git/object_hash.hpp"

#include <openssl/evp.h>

#include <memory>
#include <string>

#include "generators/error.hpp"

namespace gitopsgen::git {
namespace {

// libcrypto's SHA-1, fetched once: a fetch per digest costs more than hashing a small file.
const EVP_MD* sha1() {
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(
      EVP_MD_fetch(nullptr, "SHA1", nullptr), &EVP_MD_free);
  if (!md) throw Error("cannot start a SHA-1 digest: libcrypto has no SHA1");
  return md.get();
}

// This thread's digest context, made once and reset for each use.
EVP_MD_CTX* thread_context() {
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                                 &EVP_MD_CTX_free);
  if (!ctx) throw Error("cannot start a SHA-1 digest: out of memory");
  return ctx.get();
}

void start(EVP_MD_CTX* ctx) {
  if (EVP_DigestInit_ex2(ctx, sha1(), nullptr) != 1) throw Error("cannot start a SHA-1 digest");
}

void finish_into(EVP_MD_CTX* ctx, unsigned char* out) {
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx, out, &size) != 1 || size != 20)
    throw Error("cannot finish a SHA-1 digest");
}

}  // namespace

Sha1::Sha1() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_) throw Error("cannot start a SHA-1 digest: out of memory");
  try {
    start(ctx_);
  } catch (...) {
    EVP_MD_CTX_free(ctx_);
    throw;
  }
}

Sha1::~Sha1() {
  EVP_MD_CTX_free(ctx_);
}

void Sha1::update(const void* data, std::size_t size) {
  if (EVP_DigestUpdate(ctx_, data, size) != 1) throw Error("cannot add to a SHA-1 digest");
}

std::array<unsigned char, 20> Sha1::finish() {
  std::array<unsigned char, 20> out{};
  finish_into(ctx_, out.data());
  return out;
}

git_oid blob_hash(std::string_view bytes) {
  auto* ctx = thread_context();
  start(ctx);
  const auto header = "blob " + std::to_string(bytes.size());
  // The header's terminating NUL is part of what git hashes.
  if (EVP_DigestUpdate(ctx, header.c_str(), header.size() + 1) != 1 ||
      EVP_DigestUpdate(ctx, bytes.data(), bytes.size()) != 1)
    throw Error("cannot add to a SHA-1 digest");
  git_oid id;
  static_assert(sizeof id.id == 20);
  finish_into(ctx, id.id);
  return id;
}

}  // namespace gitopsgen::git
