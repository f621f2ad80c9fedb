// Kubernetes resource quantities ("500m", "1.5Gi", "2e3", "4") as numbers, so
// a quantity the server rewrote in canonical form ("0.5" is stored as
// "500m", "1024Mi" as "1Gi") still compares equal to what a chart wrote.
#pragma once

#include <optional>
#include <string_view>

namespace ho::controller {

// The value of `text` (sign, decimal number, then a binary (Ki..Ei), decimal
// (n, u, m, k, M..E) or exponent (e3) suffix); nullopt when it is not a quantity.
std::optional<long double> quantityValue(std::string_view text);

// Whether both are quantities of the same value (within rounding).
bool sameQuantity(std::string_view a, std::string_view b);

}  // namespace ho::controller
