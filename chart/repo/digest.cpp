// SHA-256 over OpenSSL's EVP interface.
#include "chart/repo/digest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>

namespace ho::chart::repo {

std::string sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

bool digestMatches(std::string_view expected, std::string_view actualHex) {
  if (expected.starts_with("sha256:")) expected.remove_prefix(7);
  if (expected.empty() || expected.size() != actualHex.size()) return false;
  return std::equal(expected.begin(), expected.end(), actualHex.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}

}  // namespace ho::chart::repo
