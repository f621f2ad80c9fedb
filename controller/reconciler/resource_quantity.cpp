// Kubernetes quantities read as numbers.
#include "controller/reconciler/resource_quantity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>

namespace ho::controller {

std::optional<long double> quantityValue(std::string_view text) {
  std::size_t end = 0;
  if (end < text.size() && (text[end] == '+' || text[end] == '-')) ++end;
  bool digits = false;
  const auto skipDigits = [&] {
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
      ++end;
      digits = true;
    }
  };
  skipDigits();
  if (end < text.size() && text[end] == '.') {
    ++end;
    skipDigits();
  }
  if (!digits) return std::nullopt;
  const long double number = std::strtold(std::string(text.substr(0, end)).c_str(), nullptr);
  const std::string_view suffix = text.substr(end);
  if (suffix.size() > 1 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    const std::string exponent(suffix.substr(1));
    char* parsedEnd = nullptr;
    const long power = std::strtol(exponent.c_str(), &parsedEnd, 10);
    if (*parsedEnd != '\0') return std::nullopt;
    return number * std::pow(10.0L, static_cast<long double>(power));
  }
  static constexpr std::array<std::pair<std::string_view, long double>, 16> kSuffixes = {{
      {"", 1.0L}, {"n", 1e-9L}, {"u", 1e-6L}, {"m", 1e-3L}, {"k", 1e3L}, {"M", 1e6L}, {"G", 1e9L}, {"T", 1e12L},
      {"P", 1e15L}, {"E", 1e18L}, {"Ki", 0x1p10L}, {"Mi", 0x1p20L}, {"Gi", 0x1p30L}, {"Ti", 0x1p40L},
      {"Pi", 0x1p50L}, {"Ei", 0x1p60L},
  }};
  for (const auto& [name, multiplier] : kSuffixes) {
    if (suffix == name) return number * multiplier;
  }
  return std::nullopt;
}

bool sameQuantity(std::string_view a, std::string_view b) {
  const std::optional<long double> left = quantityValue(a);
  const std::optional<long double> right = quantityValue(b);
  if (!left || !right) return false;
  return std::fabs(*left - *right) <= 1e-12L * std::max(std::fabs(*left), std::fabs(*right));
}

}  // namespace ho::controller
