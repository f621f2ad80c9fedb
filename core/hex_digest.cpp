// Digests through OpenSSL's per-algorithm functions rather than EVP: the
// first EVP fetch in a process reads the OpenSSL config file and builds the
// provider's name tables (about 5 million instructions, more than rendering
// a small chart), while these use the same assembly without any of that.
// They are marked deprecated in OpenSSL 3 but kept for exactly this use.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "core/hex_digest.h"

#include <openssl/sha.h>

namespace ho {

namespace {

template <class Context, int (*init)(Context*), int (*update)(Context*, const void*, std::size_t),
          int (*final)(unsigned char*, Context*), std::size_t size>
std::string hexOf(std::string_view data) {
  Context context;
  unsigned char digest[size];
  init(&context);
  update(&context, data.data(), data.size());
  final(digest, &context);
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (unsigned char byte : digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0xF]);
  }
  return hex;
}

}  // namespace

std::string hexDigest(DigestAlgorithm algorithm, std::string_view data) {
  switch (algorithm) {
    case DigestAlgorithm::sha1: return hexOf<SHA_CTX, SHA1_Init, SHA1_Update, SHA1_Final, SHA_DIGEST_LENGTH>(data);
    case DigestAlgorithm::sha256:
      return hexOf<SHA256_CTX, SHA256_Init, SHA256_Update, SHA256_Final, SHA256_DIGEST_LENGTH>(data);
    case DigestAlgorithm::sha512:
      return hexOf<SHA512_CTX, SHA512_Init, SHA512_Update, SHA512_Final, SHA512_DIGEST_LENGTH>(data);
  }
  return {};
}

}  // namespace ho
