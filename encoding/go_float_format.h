// Go's float formatting as strconv and encoding/json spell it: the shortest
// digits that round-trip, laid out with Go's 'g' and JSON rules.
#pragma once

#include <string>

namespace ho::encoding {

// strconv.FormatFloat(f, 'g', -1, 64), or 32 with `asFloat32` (precision of a float32):
// "1e+06", "0.1", "1.5e-07", "+Inf", "NaN".
std::string formatFloatG(double f, bool asFloat32 = false);

// strconv.FormatFloat(f, 'f', -1, 64): shortest digits, never an exponent.
std::string formatFloatFixed(double f);

// encoding/json's float encoding: 'f' notation unless |f| < 1e-6 or >= 1e21,
// then 'e' with a one-digit negative exponent cleaned up ("1e-7", "1e+21").
// Not for NaN/Inf (json refuses them; callers check first).
std::string formatFloatJson(double f);

}  // namespace ho::encoding
