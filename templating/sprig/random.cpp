// Random strings (goutils.CryptoRandom* character sets), rune shuffling
// (xstrings.Shuffle) and version 4 UUIDs (google/uuid).
#include "templating/sprig/random.h"

#include <random>

#include "templating/go_unicode.h"
#include "templating/sprig/generation_limits.h"
#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using namespace sprig;  // NOLINT(google-build-using-namespace)

constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kAlphaNumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

std::mt19937_64& generator() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

std::size_t randomBelow(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(generator()); }

// `count` characters drawn from `alphabet`; a negative count is goutils' error, which sprig turns into "".
std::string randomString(std::int64_t count, std::string_view alphabet) {
  std::string out;
  for (std::int64_t i = 0; i < count; ++i) out.push_back(alphabet[randomBelow(alphabet.size())]);
  return out;
}

std::string printableAscii() {
  std::string chars;
  for (char c = ' '; c < 127; ++c) chars.push_back(c);
  return chars;
}

std::string shuffleRunes(std::string_view s) {
  std::u32string runes = unicode::toRunes(s);
  for (std::size_t i = runes.size(); i > 1; --i) std::swap(runes[i - 1], runes[randomBelow(i)]);
  return unicode::fromRunes(runes);
}

std::string uuidV4() {
  unsigned char bytes[16];
  for (unsigned char& b : bytes) b = static_cast<unsigned char>(randomBelow(256));
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0xF]);
  }
  return out;
}

void addRandomString(FunctionTable& table, std::string name, std::string alphabet) {
  table.add(name, fixed({kInt}, [alphabet, name](Args a) {
              checkGenerated(name, a[0].asInt(), kMaxGeneratedBytes, "bytes");
              return goString(randomString(a[0].asInt(), alphabet));
            }));
}

}  // namespace

void registerRandomFunctions(FunctionTable& table) {
  addRandomString(table, "randAlphaNum", std::string(kAlphaNumeric));
  addRandomString(table, "randAlpha", std::string(kLetters));
  addRandomString(table, "randNumeric", std::string(kDigits));
  addRandomString(table, "randAscii", printableAscii());
  table.add("shuffle", fixed({kString}, [](Args a) { return goString(shuffleRunes(a[0].asString())); }));
  table.add("uuidv4", fixed({}, [](Args) { return goString(uuidV4()); }));
}

}  // namespace ho::tmpl
