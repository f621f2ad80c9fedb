// Go's strconv.FormatFloat and encoding/json's float spelling: shortest
// round-trip digits laid out with Go's rules for every format, shared by fmt,
// YAML, JSON and TOML output.
#pragma once

#include <string>

namespace ho {

// strconv.FormatFloat(f, fmt, prec, bitSize) for fmt in e E f F g G b x X;
// e.g. formatGoFloat(1e6, 'g', -1) == "1e+06". bitSize 32 gives float32's shortest digits.
std::string formatGoFloat(double f, char fmt, int prec, int bitSize = 64);

// encoding/json's float encoding: 'f' notation unless |f| < 1e-6 or >= 1e21,
// then 'e' with the exponent's leading zero dropped ("1e-7", "1e+21").
// Not for NaN/Inf (json refuses them; callers check first).
std::string formatJsonFloat(double f);

}  // namespace ho
