// ModularPower: OpenSSL's constant-time Montgomery exponentiation, or for
// 1024-bit moduli on AMD processors OpenSSL's AVX2 routine called directly,
// and pairs of 1024-bit exponentiations on AVX-512 IFMA.
//
// BN_mod_exp_mont_consttime has two x86-64 implementations for 1024-bit
// moduli: the MULX/ADX one, taken whenever the CPU has ADX and BMI2, and the
// AVX2 one (RSAZ), taken only on CPUs without them. On AMD Zen the AVX2 one is
// 1.4-1.7x faster (EPYC family 0x19: `openssl speed rsa2048` takes
// 1.14-1.17 ms per signature, 0.69-0.84 ms with ADX masked), and the prime search of a
// 2048-bit key is 1024-bit exponentiations almost entirely. The routine is
// internal to libcrypto, so it is reached through a weak reference that only
// the static library resolves; with the shared one it stays null and
// OpenSSL's own choice is used.
//
// On CPUs with AVX-512 IFMA (Intel since Ice Lake, AMD since Zen 4),
// BN_mod_exp_mont_consttime_x2 runs two 1024-bit exponentiations interleaved
// in 52-bit limbs: on EPYC Zen 4, 0.21 ms per pair against 0.47 ms for two
// AVX2 ones. It takes that path only when both bases and exponents fill 16
// limbs, which Miller-Rabin's random witnesses and exponents do but for
// chances below 2^-60, and is two plain exponentiations otherwise. Whether
// the CPU qualifies is OpenSSL's own test, another internal reached weakly.

#include "templating/sprig/modular_power.h"

#include <openssl/crypto.h>

#include <vector>

#include "core/cpu_features.h"

#if defined(__x86_64__)
extern "C" void RSAZ_1024_mod_exp_avx2(BN_ULONG result[16], const BN_ULONG base[16], const BN_ULONG exponent[16],
                                       const BN_ULONG modulus[16], const BN_ULONG montgomerySquare[16],
                                       BN_ULONG montgomeryFactor) __attribute__((weak));
extern "C" int ossl_rsaz_avx512ifma_eligible() __attribute__((weak));
#endif

namespace ho::tmpl {
namespace {

// 2^exponent mod `modulus` as 64-bit limbs.
bool powerOfTwoLimbs(const BIGNUM* modulus, int exponent, std::span<std::uint64_t> limbs, BN_CTX* ctx) {
  BN_CTX_start(ctx);
  BIGNUM* power = BN_CTX_get(ctx);
  const bool ok = power != nullptr && BN_set_bit(power, exponent) == 1 && BN_mod(power, power, modulus, ctx) == 1 &&
                  toLimbs(power, limbs);
  BN_CTX_end(ctx);
  return ok;
}

}  // namespace

bool toLimbs(const BIGNUM* n, std::span<std::uint64_t> limbs) {
  std::vector<unsigned char> bytes(limbs.size() * 8);
  const bool fits = BN_bn2lebinpad(n, bytes.data(), static_cast<int>(bytes.size())) == static_cast<int>(bytes.size());
  for (std::size_t limb = 0; fits && limb < limbs.size(); ++limb) {
    std::uint64_t word = 0;
    for (std::size_t b = 8; b-- > 0;) word = (word << 8) | bytes[limb * 8 + b];
    limbs[limb] = word;
  }
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return fits;
}

ModularPower::~ModularPower() {
  OPENSSL_cleanse(modulusLimbs_.data(), sizeof(modulusLimbs_));
  OPENSSL_cleanse(montgomerySquare_.data(), sizeof(montgomerySquare_));
}

bool ModularPower::avx2For1024Bits() {
#if defined(__x86_64__)
  static_assert(sizeof(BN_ULONG) == 8);
  static const bool chosen = RSAZ_1024_mod_exp_avx2 != nullptr && cpuFeatures().amd && cpuFeatures().avx2;
  return chosen;
#else
  return false;
#endif
}

bool ModularPower::pairsFor1024Bits() {
#if defined(__x86_64__)
  static const bool chosen = ossl_rsaz_avx512ifma_eligible != nullptr && ossl_rsaz_avx512ifma_eligible() != 0;
  return chosen;
#else
  return false;
#endif
}

bool ModularPower::prepare(const BIGNUM* modulus, BN_CTX* ctx) {
  modulus_ = modulus;
  const bool bits1024 = BN_num_bits(modulus) == 1024;
  paired_ = bits1024 && pairsFor1024Bits();
  // Paired moduli leave the odd exponentiation out to OpenSSL's own routine.
  avx2_ = bits1024 && !paired_ && avx2For1024Bits();
  if (!avx2_) {
    if (!mont_) mont_.reset(BN_MONT_CTX_new());
    return mont_ && BN_MONT_CTX_set(mont_.get(), modulus, ctx) == 1;
  }
  // The AVX2 routine takes the modulus as limbs, with its Montgomery factor
  // and 2^2048 mod modulus.
  if (!toLimbs(modulus, modulusLimbs_)) return false;
  montgomeryFactor_ = montgomeryFactor(modulusLimbs_[0]);
  return powerOfTwoLimbs(modulus, 2048, montgomerySquare_, ctx);
}

bool ModularPower::compute(BIGNUM* result, const BIGNUM* base, const BIGNUM* exponent, BN_CTX* ctx) const {
#if defined(__x86_64__)
  if (avx2_) {
    Limbs baseLimbs, exponentLimbs, resultLimbs;
    bool ok = toLimbs(base, baseLimbs) && toLimbs(exponent, exponentLimbs);
    if (ok) {
      RSAZ_1024_mod_exp_avx2(resultLimbs.data(), baseLimbs.data(), exponentLimbs.data(), modulusLimbs_.data(),
                             montgomerySquare_.data(), montgomeryFactor_);
      ok = BN_lebin2bn(reinterpret_cast<const unsigned char*>(resultLimbs.data()), sizeof(resultLimbs), result) !=
           nullptr;
      OPENSSL_cleanse(resultLimbs.data(), sizeof(resultLimbs));
    }
    OPENSSL_cleanse(baseLimbs.data(), sizeof(baseLimbs));
    OPENSSL_cleanse(exponentLimbs.data(), sizeof(exponentLimbs));
    return ok;
  }
#endif
  return BN_mod_exp_mont_consttime(result, base, exponent, modulus_, ctx, mont_.get()) == 1;
}

bool ModularPower::computeTwo(const Task& first, const Task& second, BN_CTX* ctx) {
  if (first.power.paired_ && second.power.paired_) {
    return BN_mod_exp_mont_consttime_x2(first.result, first.base, first.exponent, first.power.modulus_,
                                        first.power.mont_.get(), second.result, second.base, second.exponent,
                                        second.power.modulus_, second.power.mont_.get(), ctx) == 1;
  }
  return first.run(ctx) && second.run(ctx);
}

}  // namespace ho::tmpl
