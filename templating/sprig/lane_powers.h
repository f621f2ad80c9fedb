// Modular powers for up to four odd moduli at once, one modulus per 64-bit
// lane of AVX-512 IFMA registers: RSA key generation's prime search runs its
// base-2 Fermat test (which weeds out the ~30 composites that survive the
// sieve for every prime it finds) and its random Miller-Rabin rounds here
// (see rsa_keygen.cpp).
#pragma once

#include <openssl/bn.h>

#include <cstddef>
#include <span>

namespace ho::tmpl {

// Lanes of one call.
inline constexpr std::size_t kLaneCount = 4;

// Moduli up to this size (two 1024-bit primes' candidates for a 2048-bit key,
// two 2048-bit ones' for a 4096-bit key).
inline constexpr int kLaneModulusBits = 2048;

// Whether the lanes run on this CPU: AVX-512 IFMA and VL, their register
// state saved by the OS. Asked once, on first use.
bool lanesAvailable();

// One lane's task: result = 2^exponent mod modulus.
struct PowerOfTwoTask {
  const BIGNUM* modulus;   // odd, above 1, at most kLaneModulusBits bits
  const BIGNUM* exponent;  // non-negative, at most as many bits as the largest modulus of the call
  BIGNUM* result;
};

// Runs 1 to kLaneCount tasks at once, a squaring and, where the
// exponent's bit is set, a doubling per bit. False when the CPU lacks the
// instructions, a task does not qualify, or OpenSSL fails.
bool powersOfTwo(std::span<const PowerOfTwoTask> tasks, BN_CTX* ctx);

// One lane's task: result = base^exponent mod modulus.
struct LanePowerTask {
  const BIGNUM* modulus;   // as for PowerOfTwoTask
  const BIGNUM* base;      // non-negative
  const BIGNUM* exponent;  // as for PowerOfTwoTask
  BIGNUM* result;
};

// Runs 1 to kLaneCount tasks at once with a 4-bit window, each window's
// power chosen by a scan of the whole table (the same work whatever the
// exponents' bits). False as for powersOfTwo.
bool lanePowers(std::span<const LanePowerTask> tasks, BN_CTX* ctx);

}  // namespace ho::tmpl
