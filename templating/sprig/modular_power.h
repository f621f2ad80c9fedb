// Modular exponentiation for the Miller-Rabin rounds of RSA key generation,
// on whichever of OpenSSL's routines is fastest for the modulus and the CPU,
// one at a time or two at once, and powers of two by squarings alone.
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

  // One power of two of a pair: result = 2^exponent mod `power`'s modulus.
  struct PowerOfTwoTask {
    const ModularPower& power;
    BIGNUM* result;
    const BIGNUM* exponent;
  };
  // Both powers of two at once, for two 1024-bit moduli where
  // powersOfTwoFor1024Bits(): squarings in OpenSSL's interleaved IFMA
  // Montgomery multiplication, each followed by a doubling where the
  // exponent's bit is set, without the 5-bit window's table, multiplications
  // and constant-time table scans (0.8 of the time computeTwo takes for a pair
  // with random bases). False when either modulus does not qualify or OpenSSL
  // fails.
  static bool computeTwoPowersOfTwo(const PowerOfTwoTask& first, const PowerOfTwoTask& second);

  // Whether 1024-bit moduli go through OpenSSL's AVX2 exponentiation here.
  static bool avx2For1024Bits();
  // Whether two 1024-bit exponentiations run at once here (AVX-512 IFMA).
  static bool pairsFor1024Bits();
  // Whether computeTwoPowersOfTwo runs here: pairs run at once and OpenSSL's
  // interleaved multiplication is linked (the static libcrypto).
  static bool powersOfTwoFor1024Bits();
  // For the prepared modulus: whether computeTwo runs its pair at once, and
  // whether computeTwoPowersOfTwo takes it.
  bool runsPairsAtOnce() const { return paired_; }
  bool takesPowersOfTwo() const { return paired_ && powersOfTwoFor1024Bits(); }

 private:
  using Limbs = std::array<std::uint64_t, 16>;
  using Limbs52 = std::array<std::uint64_t, 20>;  // 1040 bits in OpenSSL's 52-bit digits

  // OpenSSL's Montgomery context for the modulus, set up on first use.
  BN_MONT_CTX* montgomeryContext(BN_CTX* ctx) const;

  const BIGNUM* modulus_ = nullptr;
  mutable OpenSslPtr<BN_MONT_CTX, BN_MONT_CTX_free> mont_;
  mutable bool montgomeryReady_ = false;
  bool avx2_ = false;
  bool paired_ = false;  // 1024 bits on a CPU where computeTwo pairs them
  Limbs modulusLimbs_{};
  Limbs montgomerySquare_{};  // 2^2048 mod modulus
  std::uint64_t montgomeryFactor_ = 0;  // -modulus^-1 mod 2^64
  Limbs52 modulusDigits_{};             // paired moduli, for computeTwoPowersOfTwo
  Limbs52 montgomeryOneDigits_{};       // 2^1040 mod modulus: 1 in the 52-bit digits' Montgomery form
};

}  // namespace ho::tmpl
