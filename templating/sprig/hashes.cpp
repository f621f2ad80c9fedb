// Checksums: SHA digests (core/hex_digest.h) and zlib's adler32.
#include "templating/sprig/hashes.h"

#include <zlib.h>

#include "core/hex_digest.h"
#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using namespace sprig;  // NOLINT(google-build-using-namespace)

std::string adler32Decimal(std::string_view data) {
  uLong sum = adler32(0L, Z_NULL, 0);
  sum = adler32(sum, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
  return std::to_string(sum);
}

void addDigest(FunctionTable& table, std::string name, DigestAlgorithm algorithm) {
  table.add(std::move(name), fixed({kString}, [algorithm](Args a) { return goString(hexDigest(algorithm, a[0].asString())); }));
}

}  // namespace

void registerHashFunctions(FunctionTable& table) {
  addDigest(table, "sha1sum", DigestAlgorithm::sha1);
  addDigest(table, "sha256sum", DigestAlgorithm::sha256);
  addDigest(table, "sha512sum", DigestAlgorithm::sha512);
  table.add("adler32sum", fixed({kString}, [](Args a) { return goString(adler32Decimal(a[0].asString())); }));
}

}  // namespace ho::tmpl
