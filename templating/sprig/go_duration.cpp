// Duration parsing and printing with Go's units and spelling.
#include "templating/sprig/go_duration.h"

#include <array>
#include <cmath>
#include <limits>
#include <utility>

#include "templating/go_format.h"

namespace ho::tmpl {

namespace {

constexpr std::int64_t kMicrosecond = 1000;
constexpr std::int64_t kMillisecond = 1000 * kMicrosecond;
constexpr std::int64_t kSecond = 1000 * kMillisecond;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;

std::int64_t unitScale(std::string_view unit) {
  static const std::array<std::pair<std::string_view, std::int64_t>, 8> units{{
      {"ns", 1}, {"us", kMicrosecond}, {"\xC2\xB5s", kMicrosecond}, {"\xCE\xBCs", kMicrosecond},
      {"ms", kMillisecond}, {"s", kSecond}, {"m", kMinute}, {"h", kHour}}};
  for (const auto& [name, scale] : units) {
    if (name == unit) return scale;
  }
  return 0;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Digits of v before the decimal point, fraction digits trimmed of zeros (Go's fmtFrac/fmtInt).
std::string withFraction(std::uint64_t v, int precision) {
  std::string fraction;
  bool printing = false;
  for (int i = 0; i < precision; ++i) {
    const auto digit = static_cast<char>('0' + v % 10);
    printing = printing || digit != '0';
    if (printing) fraction.insert(fraction.begin(), digit);
    v /= 10;
  }
  std::string out = std::to_string(v);
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

}  // namespace

Result<std::int64_t> parseGoDuration(std::string_view text) {
  const std::string original(text);
  auto invalid = [&] { return Error{"time: invalid duration " + quoteGo(original)}; };
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text == "0") return std::int64_t{0};
  if (text.empty()) return invalid();
  long double total = 0;
  while (!text.empty()) {
    std::size_t i = 0;
    long double value = 0;
    while (i < text.size() && isDigit(text[i])) value = value * 10 + (text[i++] - '0');
    const bool hadWhole = i > 0;
    bool hadFraction = false;
    if (i < text.size() && text[i] == '.') {
      ++i;
      long double scale = 0.1L;
      while (i < text.size() && isDigit(text[i])) {
        value += scale * (text[i++] - '0');
        scale /= 10;
        hadFraction = true;
      }
    }
    if (!hadWhole && !hadFraction) return invalid();
    std::size_t unitEnd = i;
    while (unitEnd < text.size() && text[unitEnd] != '.' && !isDigit(text[unitEnd])) ++unitEnd;
    const std::string_view unit = text.substr(i, unitEnd - i);
    if (unit.empty()) return Error{"time: missing unit in duration " + quoteGo(original)};
    const std::int64_t scale = unitScale(unit);
    if (scale == 0) {
      return Error{"time: unknown unit " + quoteGo(std::string(unit)) + " in duration " + quoteGo(original)};
    }
    total += value * static_cast<long double>(scale);
    if (total > static_cast<long double>(std::numeric_limits<std::int64_t>::max())) return invalid();
    text.remove_prefix(unitEnd);
  }
  const auto nanoseconds = static_cast<std::int64_t>(std::llroundl(total));
  return negative ? -nanoseconds : nanoseconds;
}

std::string formatGoDuration(std::int64_t nanoseconds) {
  if (nanoseconds == 0) return "0s";
  const bool negative = nanoseconds < 0;
  std::uint64_t u = negative ? 0 - static_cast<std::uint64_t>(nanoseconds) : static_cast<std::uint64_t>(nanoseconds);
  std::string out;
  if (u < static_cast<std::uint64_t>(kSecond)) {
    if (u < static_cast<std::uint64_t>(kMicrosecond)) {
      out = std::to_string(u) + "ns";
    } else if (u < static_cast<std::uint64_t>(kMillisecond)) {
      out = withFraction(u, 3) + "\xC2\xB5s";
    } else {
      out = withFraction(u, 6) + "ms";
    }
  } else {
    out = withFraction(u % 60'000'000'000ULL, 9) + "s";
    u /= 60'000'000'000ULL;
    if (u > 0) {
      out = std::to_string(u % 60) + "m" + out;
      u /= 60;
      if (u > 0) out = std::to_string(u) + "h" + out;
    }
  }
  return negative ? "-" + out : out;
}

std::int64_t roundGoDuration(std::int64_t d, std::int64_t m) {
  if (m <= 0) return d;
  std::int64_t r = d % m;
  if (d < 0) {
    r = -r;
    if (r + r < m) return d + r;
    return d - m + r;
  }
  if (r + r < m) return d - r;
  return d + m - r;
}

}  // namespace ho::tmpl
