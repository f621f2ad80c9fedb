// Base64 and base32 with Go's encoding/base64 and encoding/base32 decoders:
// newlines skipped, padding required, and Go's byte offsets in errors.
#include "templating/sprig/encoding.h"

#include <array>
#include <optional>

#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using namespace sprig;  // NOLINT(google-build-using-namespace)

constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr unsigned char kInvalid = 0xFF;

std::array<unsigned char, 256> decodeMap(std::string_view alphabet) {
  std::array<unsigned char, 256> map;
  map.fill(kInvalid);
  for (std::size_t i = 0; i < alphabet.size(); ++i) map[static_cast<unsigned char>(alphabet[i])] = static_cast<unsigned char>(i);
  return map;
}

// Encodes groups of `groupBytes` input bytes as `groupChars` characters of `bits` bits each, padded with '='.
std::string encodeGroups(std::string_view data, std::string_view alphabet, int bits, std::size_t groupBytes,
                         std::size_t groupChars) {
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += groupBytes) {
    std::size_t n = std::min(groupBytes, data.size() - i);
    std::uint64_t block = 0;
    for (std::size_t j = 0; j < groupBytes; ++j) {
      block = (block << 8) | (j < n ? static_cast<unsigned char>(data[i + j]) : 0);
    }
    std::size_t usedChars = (n * 8 + static_cast<std::size_t>(bits) - 1) / static_cast<std::size_t>(bits);
    for (std::size_t c = 0; c < groupChars; ++c) {
      if (c >= usedChars) {
        out.push_back('=');
        continue;
      }
      auto shift = static_cast<int>(groupChars - 1 - c) * bits;
      out.push_back(alphabet[static_cast<std::size_t>((block >> shift) & ((1u << bits) - 1))]);
    }
  }
  return out;
}

std::string corrupt(const char* kind, std::size_t offset) {
  return std::string("illegal ") + kind + " data at input byte " + std::to_string(offset);
}

bool isNewline(char c) { return c == '\n' || c == '\r'; }

struct Decoded {
  std::string bytes;
  std::optional<std::string> error;
};

// Go's base64 decodeQuantum loop over the whole input.
Decoded decodeBase64(std::string_view src) {
  static const auto map = decodeMap(kBase64Alphabet);
  Decoded result;
  std::size_t si = 0;
  while (si < src.size()) {
    unsigned char quantum[4] = {0, 0, 0, 0};
    std::size_t dlen = 4;
    for (std::size_t j = 0; j < 4; ++j) {
      if (si == src.size()) {
        if (j == 0) return result;
        result.error = corrupt("base64", si - j);  // padding is required
        return result;
      }
      char in = src[si++];
      unsigned char value = map[static_cast<unsigned char>(in)];
      if (value != kInvalid) {
        quantum[j] = value;
        continue;
      }
      if (isNewline(in)) {
        --j;
        continue;
      }
      if (in != '=' || j < 2) {
        result.error = corrupt("base64", si - 1);
        return result;
      }
      if (j == 2) {  // "==" expected; the first '=' is consumed
        while (si < src.size() && isNewline(src[si])) ++si;
        if (si == src.size()) {
          result.error = corrupt("base64", src.size());
          return result;
        }
        if (src[si] != '=') {
          result.error = corrupt("base64", si - 1);
          return result;
        }
        ++si;
      }
      while (si < src.size() && isNewline(src[si])) ++si;
      if (si < src.size()) result.error = corrupt("base64", si);  // trailing garbage
      dlen = j;
      break;
    }
    std::uint32_t value = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
    for (std::size_t k = 0; k + 1 < dlen; ++k) result.bytes.push_back(static_cast<char>((value >> (16 - 8 * k)) & 0xFF));
    if (result.error) return result;
  }
  return result;
}

// Go's base32 decode, after DecodeString has stripped the newlines.
Decoded decodeBase32(std::string_view input) {
  static const auto map = decodeMap(kBase32Alphabet);
  std::string stripped;
  for (char c : input) {
    if (!isNewline(c)) stripped.push_back(c);
  }
  std::string_view src = stripped;
  const std::size_t olen = src.size();
  Decoded result;
  bool end = false;
  while (!src.empty() && !end) {
    unsigned char quantum[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t dlen = 8;
    for (std::size_t j = 0; j < 8;) {
      if (src.empty()) {
        result.error = corrupt("base32", olen - src.size() - j);
        return result;
      }
      char in = src[0];
      src.remove_prefix(1);
      if (in == '=' && j >= 2 && src.size() < 8) {
        if (src.size() + j < 7) {
          result.error = corrupt("base32", olen);
          return result;
        }
        for (std::size_t k = 0; k < 7 - j; ++k) {
          if (src.size() > k && src[k] != '=') {
            result.error = corrupt("base32", olen - src.size() + k - 1);
            return result;
          }
        }
        dlen = j;
        end = true;
        if (dlen == 1 || dlen == 3 || dlen == 6) {
          result.error = corrupt("base32", olen - src.size() - 1);
          return result;
        }
        break;
      }
      quantum[j] = map[static_cast<unsigned char>(in)];
      if (quantum[j] == kInvalid) {
        result.error = corrupt("base32", olen - src.size() - 1);
        return result;
      }
      ++j;
    }
    std::uint64_t block = 0;
    for (unsigned char q : quantum) block = (block << 5) | q;
    std::size_t outBytes = dlen * 5 / 8;
    for (std::size_t k = 0; k < outBytes; ++k) result.bytes.push_back(static_cast<char>((block >> (32 - 8 * k)) & 0xFF));
  }
  return result;
}

Value decodedOrError(const Decoded& d) { return goString(d.error ? *d.error : d.bytes); }

}  // namespace

void registerEncodingFunctions(FunctionTable& table) {
  table.add("b64enc", fixed({kString}, [](Args a) { return goString(encodeGroups(a[0].asString(), kBase64Alphabet, 6, 3, 4)); }));
  table.add("b32enc", fixed({kString}, [](Args a) { return goString(encodeGroups(a[0].asString(), kBase32Alphabet, 5, 5, 8)); }));
  table.add("b64dec", fixed({kString}, [](Args a) { return decodedOrError(decodeBase64(a[0].asString())); }));
  table.add("b32dec", fixed({kString}, [](Args a) { return decodedOrError(decodeBase32(a[0].asString())); }));
}

}  // namespace ho::tmpl
