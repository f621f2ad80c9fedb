// Modular exponentiation for the Miller-Rabin rounds of RSA key generation,
// on whichever of OpenSSL's routines is fastest for the modulus and the CPU,
// one at a time or two at once.
#pragma once

#include <openssl/bn.h>

#include <array>
#include <cstdint>
#include <span>

#include "core/openssl_ptr.h"

namespace ho::tmpl {

// `n` as 64-bit limbs, least significant first, zero-padded to fill `limbs`;
// false when it needs more of them.
bool toLimbs(const BIGNUM* n, std::span<std::uint64_t> limbs);

// Montgomery's factor -m^-1 mod 2^64 for an odd lowest limb m, by Newton's
// iteration: m is its own inverse to 3 bits (m * m = 1 mod 8) and each step
// doubles the correct bits.
constexpr std::uint64_t montgomeryFactor(std::uint64_t m) {
  std::uint64_t inverse = m;
  for (int step = 0; step < 5; ++step) inverse *= 2 - m * inverse;
  return 0 - inverse;
}

// base^exponent mod one odd modulus, set up once for several bases.
class ModularPower {
 public:
  ModularPower() = default;
  ModularPower(const ModularPower&) = delete;
  ModularPower& operator=(const ModularPower&) = delete;
  ~ModularPower();  // wipes the modulus: it is a secret prime's candidate

  // Sets up for `modulus` (odd, > 1, kept by the caller); false when OpenSSL fails.
  bool prepare(const BIGNUM* modulus, BN_CTX* ctx);
  // result = base^exponent mod modulus, for 0 <= base < modulus and exponent >= 0.
  bool compute(BIGNUM* result, const BIGNUM* base, const BIGNUM* exponent, BN_CTX* ctx) const;

  // One exponentiation of a pair: `power`'s modulus, operands as for compute().
  struct Task {
    const ModularPower& power;
    BIGNUM* result;
    const BIGNUM* base;
    const BIGNUM* exponent;
    // This exponentiation alone.
    bool run(BN_CTX* ctx) const { return power.compute(result, base, exponent, ctx); }
  };
  // Both exponentiations (the moduli may be the same); on CPUs with AVX-512
  // IFMA, two 1024-bit ones run interleaved in one OpenSSL call for about the
  // time of one, otherwise one after the other.
  static bool computeTwo(const Task& first, const Task& second, BN_CTX* ctx);

  // Whether 1024-bit moduli go through OpenSSL's AVX2 exponentiation here.
  static bool avx2For1024Bits();
  // Whether two 1024-bit exponentiations run at once here (AVX-512 IFMA).
  static bool pairsFor1024Bits();
  // For the prepared modulus: whether computeTwo runs its pair at once.
  bool runsPairsAtOnce() const { return paired_; }

 private:
  using Limbs = std::array<std::uint64_t, 16>;

  const BIGNUM* modulus_ = nullptr;
  OpenSslPtr<BN_MONT_CTX, BN_MONT_CTX_free> mont_;  // OpenSSL's Montgomery context, but for the AVX2 routine
  bool avx2_ = false;
  bool paired_ = false;  // 1024 bits on a CPU where computeTwo pairs them
  Limbs modulusLimbs_{};
  Limbs montgomerySquare_{};  // 2^2048 mod modulus
  std::uint64_t montgomeryFactor_ = 0;  // -modulus^-1 mod 2^64
};

}  // namespace ho::tmpl
