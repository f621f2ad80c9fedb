// Checksums through OpenSSL's EVP digests and zlib's adler32.
#include "templating/sprig/hashes.h"

#include <openssl/evp.h>
#include <zlib.h>

#include "core/error.h"
#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using namespace sprig;  // NOLINT(google-build-using-namespace)

std::string hexDigest(const EVP_MD* algorithm, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, algorithm, nullptr) != 1) {
    throw Failure("digest failed");
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xF]);
  }
  return out;
}

std::string adler32Decimal(std::string_view data) {
  uLong sum = adler32(0L, Z_NULL, 0);
  sum = adler32(sum, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
  return std::to_string(sum);
}

void addDigest(FunctionTable& table, std::string name, const EVP_MD* (*algorithm)()) {
  table.add(std::move(name), fixed({kString}, [algorithm](Args a) { return goString(hexDigest(algorithm(), a[0].asString())); }));
}

}  // namespace

void registerHashFunctions(FunctionTable& table) {
  addDigest(table, "sha1sum", EVP_sha1);
  addDigest(table, "sha256sum", EVP_sha256);
  addDigest(table, "sha512sum", EVP_sha512);
  table.add("adler32sum", fixed({kString}, [](Args a) { return goString(adler32Decimal(a[0].asString())); }));
}

}  // namespace ho::tmpl
