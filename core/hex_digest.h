// SHA-1, SHA-256 and SHA-512 digests as lowercase hex: sprig's sha*sum
// functions and the `digest` of chart archives.
#pragma once

#include <string>
#include <string_view>

namespace ho {

enum class DigestAlgorithm { sha1, sha256, sha512 };

std::string hexDigest(DigestAlgorithm algorithm, std::string_view data);

}  // namespace ho
