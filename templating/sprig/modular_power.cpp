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
//
// Powers of two (Miller-Rabin's base-2 round) skip the window: the same
// interleaved Montgomery multiplication (also internal, reached weakly), one
// squaring per exponent bit and, where the bit is set, a doubling, which in
// 52-bit digits is a one-bit shift of every digit taking the bit its lower
// neighbour shifts out. Values stay below 4 * modulus < 2^1026, inside the
// multiplication's 1040 bits, so the digits never need a carry pass.
#include "templating/sprig/modular_power.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <vector>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

#if defined(__x86_64__)
extern "C" void RSAZ_1024_mod_exp_avx2(BN_ULONG result[16], const BN_ULONG base[16], const BN_ULONG exponent[16],
                                       const BN_ULONG modulus[16], const BN_ULONG montgomerySquare[16],
                                       BN_ULONG montgomeryFactor) __attribute__((weak));
extern "C" int ossl_rsaz_avx512ifma_eligible() __attribute__((weak));
// out = a * b / 2^1040 mod m for two operands of 20 52-bit digits each, laid
// out one after the other; "almost" Montgomery: below 2m for a, b below 4m.
// Named ..._256 up to OpenSSL 3.1, ..._ifma256 since.
extern "C" void ossl_rsaz_amm52x20_x2_256(BN_ULONG* out, const BN_ULONG* a, const BN_ULONG* b, const BN_ULONG* m,
                                          const BN_ULONG factors[2]) __attribute__((weak));
extern "C" void ossl_rsaz_amm52x20_x2_ifma256(BN_ULONG* out, const BN_ULONG* a, const BN_ULONG* b, const BN_ULONG* m,
                                              const BN_ULONG factors[2]) __attribute__((weak));
#endif

namespace ho::tmpl {
namespace {

#if defined(__x86_64__)
// Whether this is an AMD processor whose AVX2 registers the OS saves: asked
// with CPUID here, when a key is first generated, rather than through
// __builtin_cpu_supports, whose libgcc probe (a dozen CPUID leaves, each a
// trap of ~5 us on virtual machines) would run at every process start.
bool amdWithAvx2() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(0, &eax, &ebx, &ecx, &edx) == 0 || eax < 7) return false;
  // "AuthenticAMD" in EBX, EDX, ECX.
  if (ebx != 0x68747541 || edx != 0x69746e65 || ecx != 0x444d4163) return false;
  __get_cpuid(1, &eax, &ebx, &ecx, &edx);
  constexpr unsigned kOsxsave = 1u << 27, kAvx2 = 1u << 5, kSseAndAvxState = 0x6;
  if ((ecx & kOsxsave) == 0) return false;
  unsigned xcr0Low = 0, xcr0High = 0;
  asm("xgetbv" : "=a"(xcr0Low), "=d"(xcr0High) : "c"(0));
  if ((xcr0Low & kSseAndAvxState) != kSseAndAvxState) return false;
  __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx);
  return (ebx & kAvx2) != 0;
}
#endif

// -m^-1 mod 2^64 for odd m by Newton's iteration: m is its own inverse to 3
// bits (m * m = 1 mod 8) and each step doubles the correct bits.
std::uint64_t negatedInverse(std::uint64_t m) {
  std::uint64_t inverse = m;
  for (int step = 0; step < 5; ++step) inverse *= 2 - m * inverse;
  return 0 - inverse;
}

// 2^exponent mod `modulus` as 64-bit limbs.
bool powerOfTwoLimbs(const BIGNUM* modulus, int exponent, std::span<std::uint64_t> limbs, BN_CTX* ctx) {
  BN_CTX_start(ctx);
  BIGNUM* power = BN_CTX_get(ctx);
  const bool ok = power != nullptr && BN_set_bit(power, exponent) == 1 && BN_mod(power, power, modulus, ctx) == 1 &&
                  toLimbs(power, limbs);
  BN_CTX_end(ctx);
  return ok;
}

constexpr unsigned kDigitBits = 52;
constexpr std::uint64_t kDigitMask = (std::uint64_t{1} << kDigitBits) - 1;
constexpr std::size_t kDigits = 20;  // 1040 bits: a 1024-bit modulus and room above it

// 64-bit limbs (least significant first) as 52-bit digits.
void toDigits(std::span<const std::uint64_t> limbs, std::span<std::uint64_t> digits) {
  for (std::size_t digit = 0; digit < digits.size(); ++digit) {
    const std::size_t bit = digit * kDigitBits, limb = bit / 64, shift = bit % 64;
    std::uint64_t value = limb < limbs.size() ? limbs[limb] >> shift : 0;
    if (shift > 64 - kDigitBits && limb + 1 < limbs.size()) value |= limbs[limb + 1] << (64 - shift);
    digits[digit] = value & kDigitMask;
  }
}

#if defined(__x86_64__)
// 52-bit digits as a BIGNUM.
bool fromDigits(std::span<const std::uint64_t> digits, BIGNUM* result) {
  std::array<std::uint64_t, (kDigits * kDigitBits + 63) / 64> limbs{};
  for (std::size_t digit = 0; digit < digits.size(); ++digit) {
    const std::size_t bit = digit * kDigitBits, limb = bit / 64, shift = bit % 64;
    limbs[limb] |= digits[digit] << shift;
    if (shift > 64 - kDigitBits) limbs[limb + 1] |= digits[digit] >> (64 - shift);
  }
  std::array<unsigned char, limbs.size() * 8> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(limbs[i / 8] >> (8 * (i % 8)));
  const bool ok = BN_lebin2bn(bytes.data(), static_cast<int>(bytes.size()), result) != nullptr;
  OPENSSL_cleanse(limbs.data(), sizeof(limbs));
  OPENSSL_cleanse(bytes.data(), sizeof(bytes));
  return ok;
}

using PairedMultiplication = void (*)(BN_ULONG*, const BN_ULONG*, const BN_ULONG*, const BN_ULONG*, const BN_ULONG*);

PairedMultiplication pairedMultiplication() {
  return ossl_rsaz_amm52x20_x2_256 != nullptr ? ossl_rsaz_amm52x20_x2_256 : ossl_rsaz_amm52x20_x2_ifma256;
}

// The digits are handled in 256-bit lanes of four, as OpenSSL's
// multiplication loads and stores them: a wider load of what it stored in
// halves would wait for the stores to retire. The intrinsics' zero-masked
// forms throughout: GCC 12 reports the undefined pass-through vector of the
// unmasked ones as uninitialized.
constexpr __mmask8 kAllLanes = 0x0F;

// `lanes` doubled within their 52 bits, each taking the top bit of its lower
// neighbour, held in the same lane of `below`.
__attribute__((target("avx512f,avx512vl"), always_inline)) inline __m256i doubledDigits(__m256i lanes, __m256i below) {
  const __m256i mask = _mm256_set1_epi64x(static_cast<long long>(kDigitMask));
  return _mm256_or_si256(_mm256_and_si256(_mm256_maskz_slli_epi64(kAllLanes, lanes, 1), mask),
                         _mm256_maskz_srli_epi64(kAllLanes, below, kDigitBits - 1));
}

// Doubles the 20 digits at `digits` when `twice`, without a branch on it.
__attribute__((target("avx512f,avx512vl"), always_inline)) inline void doubleDigitsWhen(std::uint64_t* digits,
                                                                                        bool twice) {
  const auto chosen = static_cast<__mmask8>(kAllLanes & -static_cast<int>(twice));
  __m256i below = _mm256_setzero_si256();
  for (std::size_t at = 0; at < kDigits; at += 4) {
    auto* address = reinterpret_cast<__m256i*>(digits + at);
    const __m256i lanes = _mm256_loadu_si256(address);
    // Each lane's lower neighbour: these lanes moved up one, the top lane of
    // the four below entering at the bottom.
    const __m256i neighbours = _mm256_maskz_alignr_epi64(kAllLanes, lanes, below, 3);
    _mm256_storeu_si256(address, _mm256_mask_blend_epi64(chosen, lanes, doubledDigits(lanes, neighbours)));
    below = lanes;
  }
}

bool bitOf(std::span<const std::uint64_t> limbs, int bit) { return ((limbs[bit / 64] >> (bit % 64)) & 1) != 0; }

// The exponentiations' loop on `x` (both operands' digits, from 1 in
// Montgomery form), the exponents' bits from `bits` - 1 down. Only called
// where AVX-512 IFMA runs, and so AVX-512F and VL.
__attribute__((target("avx512f,avx512vl"))) void squareAndDouble(PairedMultiplication multiply, std::uint64_t* x,
                                                                 const std::uint64_t* modulus, const BN_ULONG* factors,
                                                                 std::span<const std::uint64_t> exponent1,
                                                                 std::span<const std::uint64_t> exponent2, int bits) {
  for (int bit = bits - 1; bit >= 0; --bit) {
    multiply(x, x, x, modulus, factors);
    doubleDigitsWhen(x, bitOf(exponent1, bit));
    doubleDigitsWhen(x + kDigits, bitOf(exponent2, bit));
  }
}
#endif

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
  OPENSSL_cleanse(modulusDigits_.data(), sizeof(modulusDigits_));
  OPENSSL_cleanse(montgomeryOneDigits_.data(), sizeof(montgomeryOneDigits_));
}

bool ModularPower::avx2For1024Bits() {
#if defined(__x86_64__)
  static_assert(sizeof(BN_ULONG) == 8);
  static const bool chosen = RSAZ_1024_mod_exp_avx2 != nullptr && amdWithAvx2();
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

bool ModularPower::powersOfTwoFor1024Bits() {
#if defined(__x86_64__)
  static const bool chosen = pairsFor1024Bits() && pairedMultiplication() != nullptr;
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
  montgomeryReady_ = false;
  if (!avx2_ && !takesPowersOfTwo()) return montgomeryContext(ctx) != nullptr;
  // The AVX2 routine and the powers of two take the modulus as limbs, with its
  // Montgomery factor.
  if (!toLimbs(modulus, modulusLimbs_)) return false;
  montgomeryFactor_ = negatedInverse(modulusLimbs_[0]);
  if (avx2_) return powerOfTwoLimbs(modulus, 2048, montgomerySquare_, ctx);
  // OpenSSL's Montgomery context waits for a first compute(): most moduli
  // here are candidates that a power of two shows composite.
  Limbs one;
  const bool ok = powerOfTwoLimbs(modulus, kDigits * kDigitBits, one, ctx);
  toDigits(modulusLimbs_, modulusDigits_);
  toDigits(one, montgomeryOneDigits_);
  OPENSSL_cleanse(one.data(), sizeof(one));
  return ok;
}

BN_MONT_CTX* ModularPower::montgomeryContext(BN_CTX* ctx) const {
  if (!montgomeryReady_) {
    if (!mont_) mont_.reset(BN_MONT_CTX_new());
    montgomeryReady_ = mont_ && BN_MONT_CTX_set(mont_.get(), modulus_, ctx) == 1;
  }
  return montgomeryReady_ ? mont_.get() : nullptr;
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
  BN_MONT_CTX* mont = montgomeryContext(ctx);
  return mont != nullptr && BN_mod_exp_mont_consttime(result, base, exponent, modulus_, ctx, mont) == 1;
}

bool ModularPower::computeTwoPowersOfTwo(const PowerOfTwoTask& first, const PowerOfTwoTask& second) {
#if defined(__x86_64__)
  if (!first.power.takesPowersOfTwo() || !second.power.takesPowersOfTwo()) return false;
  const PairedMultiplication multiply = pairedMultiplication();
  Limbs exponent1, exponent2;
  // The two operands' digits one after the other, as the multiplication reads them.
  alignas(64) std::array<std::uint64_t, 2 * kDigits> x, modulus, one{};
  bool ok = toLimbs(first.exponent, exponent1) && toLimbs(second.exponent, exponent2);
  if (ok) {
    std::copy(first.power.montgomeryOneDigits_.begin(), first.power.montgomeryOneDigits_.end(), x.begin());
    std::copy(second.power.montgomeryOneDigits_.begin(), second.power.montgomeryOneDigits_.end(), x.begin() + kDigits);
    std::copy(first.power.modulusDigits_.begin(), first.power.modulusDigits_.end(), modulus.begin());
    std::copy(second.power.modulusDigits_.begin(), second.power.modulusDigits_.end(), modulus.begin() + kDigits);
    const BN_ULONG factors[2] = {first.power.montgomeryFactor_, second.power.montgomeryFactor_};
    squareAndDouble(multiply, x.data(), modulus.data(), factors, exponent1, exponent2,
                    std::max(BN_num_bits(first.exponent), BN_num_bits(second.exponent)));
    // Out of Montgomery form: x * 1 / 2^1040, at most the modulus.
    one[0] = one[kDigits] = 1;
    multiply(x.data(), x.data(), one.data(), modulus.data(), factors);
    ok = fromDigits(std::span(x).first(kDigits), first.result) && fromDigits(std::span(x).last(kDigits), second.result);
  }
  for (const PowerOfTwoTask* task : {&first, &second}) {
    if (ok && BN_cmp(task->result, task->power.modulus_) >= 0) {
      ok = BN_sub(task->result, task->result, task->power.modulus_) == 1;
    }
  }
  OPENSSL_cleanse(x.data(), sizeof(x));
  OPENSSL_cleanse(exponent1.data(), sizeof(exponent1));
  OPENSSL_cleanse(exponent2.data(), sizeof(exponent2));
  return ok;
#else
  (void)first;
  (void)second;
  return false;
#endif
}

bool ModularPower::computeTwo(const Task& first, const Task& second, BN_CTX* ctx) {
  if (first.power.paired_ && second.power.paired_) {
    BN_MONT_CTX* firstMont = first.power.montgomeryContext(ctx);
    BN_MONT_CTX* secondMont = second.power.montgomeryContext(ctx);
    return firstMont != nullptr && secondMont != nullptr &&
           BN_mod_exp_mont_consttime_x2(first.result, first.base, first.exponent, first.power.modulus_, firstMont,
                                        second.result, second.base, second.exponent, second.power.modulus_, secondMont,
                                        ctx) == 1;
  }
  return first.run(ctx) && second.run(ctx);
}

}  // namespace ho::tmpl
