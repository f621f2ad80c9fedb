// Archive digests and their comparison with index.yaml's `digest` field.
#include "chart/repo/digest.h"

#include <algorithm>
#include <cctype>

#include "core/hex_digest.h"

namespace ho::chart::repo {

std::string sha256Hex(std::string_view bytes) { return hexDigest(DigestAlgorithm::sha256, bytes); }

bool digestMatches(std::string_view expected, std::string_view actualHex) {
  if (expected.starts_with("sha256:")) expected.remove_prefix(7);
  if (expected.empty() || expected.size() != actualHex.size()) return false;
  return std::equal(expected.begin(), expected.end(), actualHex.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}

}  // namespace ho::chart::repo
