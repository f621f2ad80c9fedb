// The small-prime sieve of RSA key generation's prime search: which of a
// window of successive odd candidates have a factor below 2^18 (and so need
// no Miller-Rabin exponentiation), found for the whole window at once.
#pragma once

#include <openssl/bn.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ho::tmpl {

// Successive odd candidates sieved at a time; a 1024-bit window this long
// holds about a dozen primes.
inline constexpr std::size_t kSieveWindow = 4096;

// For the candidates base + 2k, k < kSieveWindow (base odd, above 2^18): 1 at
// the offsets k whose candidate has an odd prime factor below 2^18 or one
// less than it a multiple of `exponent` (an odd prime below 2^32, RSA's
// public exponent: it must be invertible modulo p - 1), else 0.
std::vector<std::uint8_t> sieveWindow(const BIGNUM* base, std::uint32_t exponent);

}  // namespace ho::tmpl
