// Modular powers in 52-bit digits, one modulus per 64-bit lane (see
// lane_powers.h).
//
// Every lane runs its own modulus's Montgomery arithmetic, so a
// multiplication is the schoolbook one done four times at once, with no
// traffic between lanes: VPMADD52LUQ and VPMADD52HUQ add the low or the high
// 52 bits of a 52x52-bit product to a 64-bit column sum. A squaring forms
// each column's cross products once and doubles them (210 products for 20
// digits instead of 400); the Montgomery reduction then adds y * m digit by
// digit, y making the lowest open column a multiple of 2^52, and carries
// that column's excess up. Column sums stay below 2^60 (at most 161 products
// of 52 bits each, for 40 digits), so the other carries wait for the end.
// Values stay "almost" reduced, below 4m: with R = 2^(52 * digits) >= 16m a
// squaring's result is below m + 16m^2/R <= 2m, and a doubling keeps it
// below 4m, without any subtraction. A multiplication of two values below
// 4m gives one below 2m the same way; general powers keep all below 2m.
//
// On EPYC (Zen 4) a 1024-bit squaring takes ~50 ns per lane this way, against
// ~84 ns per operand in OpenSSL's interleaved pair (ossl_rsaz_amm52x20_x2):
// no shuffles between digits, half the squaring's products. 256-bit
// registers run as many lane-products per cycle as 512-bit ones there, and
// four lanes waste fewer candidates than eight when a prime is found.
#include "templating/sprig/lane_powers.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <type_traits>

#include "core/cpu_features.h"
#include "templating/sprig/modular_power.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace ho::tmpl {
namespace {

constexpr unsigned kDigitBits = 52;
constexpr std::uint64_t kDigitMask = (std::uint64_t{1} << kDigitBits) - 1;

#if defined(__x86_64__)
// The digit count for moduli of `bits` bits: R = 2^(52 * digits) at least 16
// times the modulus (see above). 0 when too large.
std::size_t digitsFor(int bits) {
  for (std::size_t digits : {20, 40}) {
    if (bits <= static_cast<int>(digits * kDigitBits) - 4) return digits;
  }
  return 0;
}

#define HO_IFMA_TARGET __attribute__((target("avx512f,avx512vl,avx512ifma")))

using Lanes = __m256i;
using LaneMask = __mmask8;

// One lane's digits for a vector of lanes per digit.
template <std::size_t Digits>
using LaneMajor = std::array<std::array<std::uint64_t, kLaneCount>, Digits>;

// x = t / R mod m, almost reduced (below m + t / R), for column sums t
// (t[2 * Digits] is room for the last carry and ends at zero).
template <std::size_t Digits>
HO_IFMA_TARGET inline void reduce(Lanes (&t)[2 * Digits + 1], const Lanes (&m)[Digits], Lanes factor,
                                  Lanes (&x)[Digits]) {
  const Lanes zero = _mm256_setzero_si256();
#pragma GCC unroll 128
  for (std::size_t i = 0; i < Digits; ++i) {
    const Lanes y = _mm256_madd52lo_epu64(zero, t[i], factor);
    // The products that the next column's y waits for first.
    t[i] = _mm256_madd52lo_epu64(t[i], y, m[0]);
    t[i + 1] = _mm256_madd52hi_epu64(t[i + 1], y, m[0]);
    t[i + 1] = _mm256_madd52lo_epu64(t[i + 1], y, m[1]);
    t[i + 1] = _mm256_add_epi64(t[i + 1], _mm256_srli_epi64(t[i], kDigitBits));
#pragma GCC unroll 128
    for (std::size_t j = 1; j < Digits; ++j) {
      if (j > 1) t[i + j] = _mm256_madd52lo_epu64(t[i + j], y, m[j]);
      t[i + j + 1] = _mm256_madd52hi_epu64(t[i + j + 1], y, m[j]);
    }
  }
  const Lanes mask = _mm256_set1_epi64x(static_cast<long long>(kDigitMask));
#pragma GCC unroll 128
  for (std::size_t k = Digits; k < 2 * Digits; ++k) {
    x[k - Digits] = _mm256_and_si256(t[k], mask);
    t[k + 1] = _mm256_add_epi64(t[k + 1], _mm256_srli_epi64(t[k], kDigitBits));
  }
}

// x = x^2 / R mod m, almost reduced.
template <std::size_t Digits>
HO_IFMA_TARGET inline void square(Lanes (&x)[Digits], const Lanes (&m)[Digits], Lanes factor) {
  const Lanes zero = _mm256_setzero_si256();
  Lanes t[2 * Digits + 1];
#pragma GCC unroll 128
  for (std::size_t k = 0; k < 2 * Digits; ++k) {
    // Column k: the low halves of x[i] * x[k - i] and the high halves of
    // x[i] * x[k - 1 - i] for i below its partner, in two chains.
    Lanes low = zero, high = zero;
#pragma GCC unroll 128
    for (std::size_t i = k >= Digits ? k - Digits + 1 : 0; 2 * i < k; ++i) {
      low = _mm256_madd52lo_epu64(low, x[i], x[k - i]);
    }
#pragma GCC unroll 128
    for (std::size_t i = k > Digits ? k - Digits : 0; 2 * i + 1 < k; ++i) {
      high = _mm256_madd52hi_epu64(high, x[i], x[k - 1 - i]);
    }
    const Lanes doubled = _mm256_slli_epi64(_mm256_add_epi64(low, high), 1);
    const Lanes diagonal = x[k / 2];
    t[k] = k % 2 == 0 ? _mm256_madd52lo_epu64(doubled, diagonal, diagonal)
                      : _mm256_madd52hi_epu64(doubled, diagonal, diagonal);
  }
  t[2 * Digits] = zero;
  reduce<Digits>(t, m, factor, x);
}

// x = x * y / R mod m, almost reduced.
template <std::size_t Digits>
HO_IFMA_TARGET inline void multiply(Lanes (&x)[Digits], const Lanes (&y)[Digits], const Lanes (&m)[Digits],
                                    Lanes factor) {
  const Lanes zero = _mm256_setzero_si256();
  Lanes t[2 * Digits + 1];
#pragma GCC unroll 128
  for (std::size_t k = 0; k < 2 * Digits; ++k) {
    // Column k: the low halves of x[i] * y[k - i] and the high halves of
    // x[i] * y[k - 1 - i], in two chains.
    Lanes low = zero, high = zero;
    const std::size_t lowEnd = std::min(k + 1, Digits), highEnd = std::min(k, Digits);
#pragma GCC unroll 128
    for (std::size_t i = k >= Digits ? k - Digits + 1 : 0; i < lowEnd; ++i) {
      low = _mm256_madd52lo_epu64(low, x[i], y[k - i]);
    }
#pragma GCC unroll 128
    for (std::size_t i = k > Digits ? k - Digits : 0; i < highEnd; ++i) {
      high = _mm256_madd52hi_epu64(high, x[i], y[k - 1 - i]);
    }
    t[k] = _mm256_add_epi64(low, high);
  }
  t[2 * Digits] = zero;
  reduce<Digits>(t, m, factor, x);
}

// x = 2x in the chosen lanes: each digit shifted up a bit within its 52,
// taking the top bit of the digit below.
template <std::size_t Digits>
HO_IFMA_TARGET inline void doubleLanes(Lanes (&x)[Digits], LaneMask chosen) {
  const Lanes mask = _mm256_set1_epi64x(static_cast<long long>(kDigitMask));
  Lanes below = _mm256_setzero_si256();
#pragma GCC unroll 128
  for (std::size_t i = 0; i < Digits; ++i) {
    const Lanes digit = x[i];
    const Lanes doubled =
        _mm256_or_si256(_mm256_and_si256(_mm256_slli_epi64(digit, 1), mask), _mm256_srli_epi64(below, kDigitBits - 1));
    x[i] = _mm256_mask_mov_epi64(digit, chosen, doubled);
    below = digit;
  }
}

// 64-bit limbs (least significant first) as 52-bit digits, into one lane.
template <std::size_t Digits, std::size_t Limbs>
void toLane(const std::array<std::uint64_t, Limbs>& limbs, LaneMajor<Digits>& digits, std::size_t lane) {
  for (std::size_t digit = 0; digit < Digits; ++digit) {
    const std::size_t bit = digit * kDigitBits, limb = bit / 64, shift = bit % 64;
    std::uint64_t value = limb < Limbs ? limbs[limb] >> shift : 0;
    if (shift > 64 - kDigitBits && limb + 1 < Limbs) value |= limbs[limb + 1] << (64 - shift);
    digits[digit][lane] = value & kDigitMask;
  }
}

// One lane's 52-bit digits as a BIGNUM.
template <std::size_t Digits, std::size_t Limbs>
bool fromLane(const LaneMajor<Digits>& digits, std::size_t lane, BIGNUM* result) {
  std::array<std::uint64_t, Limbs + 1> limbs{};
  for (std::size_t digit = 0; digit < Digits; ++digit) {
    const std::size_t bit = digit * kDigitBits, limb = bit / 64, shift = bit % 64;
    limbs[limb] |= digits[digit][lane] << shift;
    if (shift > 64 - kDigitBits) limbs[limb + 1] |= digits[digit][lane] >> (64 - shift);
  }
  std::array<unsigned char, limbs.size() * 8> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(limbs[i / 8] >> (8 * (i % 8)));
  const bool ok = BN_lebin2bn(bytes.data(), static_cast<int>(bytes.size()), result) != nullptr;
  OPENSSL_cleanse(limbs.data(), sizeof(limbs));
  OPENSSL_cleanse(bytes.data(), sizeof(bytes));
  return ok;
}

// One call's lanes: each modulus, its Montgomery factor, 1 in Montgomery
// form (R mod m) and its exponent, lane-major for loading as vectors.
template <std::size_t Digits>
struct LaneSet {
  static constexpr std::size_t kLimbs = (Digits * kDigitBits + 63) / 64;
  using Limbs = std::array<std::uint64_t, kLimbs>;

  LaneMajor<Digits> modulus{}, one{};
  std::array<std::uint64_t, kLaneCount> factors{};
  std::array<Limbs, kLaneCount> exponents{};
  int exponentBits = 0;

  LaneSet() = default;
  LaneSet(const LaneSet&) = delete;
  LaneSet& operator=(const LaneSet&) = delete;
  ~LaneSet() {
    OPENSSL_cleanse(modulus.data(), sizeof(modulus));
    OPENSSL_cleanse(exponents.data(), sizeof(exponents));
  }

  // Fills `lane` for `modulus` and `exponent`; false when OpenSSL fails.
  bool set(std::size_t lane, const BIGNUM* m, const BIGNUM* exponent, BIGNUM* scratch, BN_CTX* ctx) {
    Limbs limbs{};
    BN_zero(scratch);
    bool ok = toLimbs(m, limbs) && toLimbs(exponent, exponents[lane]) &&
              BN_set_bit(scratch, static_cast<int>(Digits * kDigitBits)) == 1 && BN_mod(scratch, scratch, m, ctx) == 1;
    if (ok) {
      toLane<Digits>(limbs, modulus, lane);
      factors[lane] = montgomeryFactor(limbs[0]) & kDigitMask;
      ok = toLimbs(scratch, limbs);
      toLane<Digits>(limbs, one, lane);
      exponentBits = std::max(exponentBits, BN_num_bits(exponent));
    }
    OPENSSL_cleanse(limbs.data(), sizeof(limbs));
    return ok;
  }

  // The bits of each lane's exponent at [bit, bit + width), width <= 4 and
  // bit a multiple of it, as a vector of lanes.
  HO_IFMA_TARGET Lanes exponentBitsAt(int bit, unsigned width) const {
    alignas(32) std::array<std::uint64_t, kLaneCount> chosen{};
    for (std::size_t lane = 0; lane < kLaneCount; ++lane) {
      chosen[lane] = (exponents[lane][static_cast<std::size_t>(bit) / 64] >> (bit % 64)) & ((1u << width) - 1);
    }
    return _mm256_load_si256(reinterpret_cast<const __m256i*>(chosen.data()));
  }
};

// Lane-major digits into vectors, and back.
template <std::size_t Digits>
HO_IFMA_TARGET inline void load(const LaneMajor<Digits>& from, Lanes (&to)[Digits]) {
  for (std::size_t i = 0; i < Digits; ++i) to[i] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(from[i].data()));
}

template <std::size_t Digits>
HO_IFMA_TARGET inline void store(const Lanes (&from)[Digits], LaneMajor<Digits>& to) {
  for (std::size_t i = 0; i < Digits; ++i) _mm256_storeu_si256(reinterpret_cast<__m256i*>(to[i].data()), from[i]);
}

// value * 1 / R: out of Montgomery form, at most the modulus.
template <std::size_t Digits>
HO_IFMA_TARGET inline void leaveMontgomery(Lanes (&value)[Digits], const Lanes (&m)[Digits], Lanes factor) {
  Lanes t[2 * Digits + 1];
  for (std::size_t i = 0; i <= 2 * Digits; ++i) t[i] = i < Digits ? value[i] : _mm256_setzero_si256();
  reduce<Digits>(t, m, factor, value);
}

// 2^exponent for every lane into `x`: from 1, a squaring and, where the
// exponent's bit is set, a doubling per bit.
template <std::size_t Digits>
HO_IFMA_TARGET void powersOfTwoLoop(const LaneSet<Digits>& lanes, LaneMajor<Digits>& x) {
  Lanes value[Digits], m[Digits];
  load<Digits>(lanes.one, value);
  load<Digits>(lanes.modulus, m);
  const Lanes factor = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lanes.factors.data()));
  for (int bit = lanes.exponentBits - 1; bit >= 0; --bit) {
    square<Digits>(value, m, factor);
    const LaneMask chosen = _mm256_cmpneq_epi64_mask(lanes.exponentBitsAt(bit, 1), _mm256_setzero_si256());
    doubleLanes<Digits>(value, chosen);
  }
  leaveMontgomery<Digits>(value, m, factor);
  store<Digits>(value, x);
}

// base^exponent for every lane into `x`, which holds the bases in Montgomery
// form on entry: windows of 4 bits from the top, four squarings and a
// multiplication by the window's power each, that power read by a pass over
// the whole table of 16 that keeps the lane's own entry.
template <std::size_t Digits>
HO_IFMA_TARGET void windowedLoop(const LaneSet<Digits>& lanes, LaneMajor<Digits>& x) {
  constexpr unsigned kWindow = 4;
  Lanes m[Digits], table[1u << kWindow][Digits], value[Digits], chosen[Digits];
  load<Digits>(lanes.modulus, m);
  const Lanes factor = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lanes.factors.data()));
  load<Digits>(lanes.one, table[0]);
  load<Digits>(x, table[1]);
  for (std::size_t power = 2; power < (1u << kWindow); ++power) {
    for (std::size_t i = 0; i < Digits; ++i) table[power][i] = table[power - 1][i];
    multiply<Digits>(table[power], table[1], m, factor);
  }
  for (std::size_t i = 0; i < Digits; ++i) value[i] = table[0][i];
  const int windows = (lanes.exponentBits + static_cast<int>(kWindow) - 1) / static_cast<int>(kWindow);
  for (int window = windows - 1; window >= 0; --window) {
    if (window != windows - 1) {
      for (unsigned step = 0; step < kWindow; ++step) square<Digits>(value, m, factor);
    }
    const Lanes index = lanes.exponentBitsAt(window * static_cast<int>(kWindow), kWindow);
    for (std::size_t i = 0; i < Digits; ++i) chosen[i] = _mm256_setzero_si256();
    for (std::size_t power = 0; power < (1u << kWindow); ++power) {
      const LaneMask mine = _mm256_cmpeq_epi64_mask(index, _mm256_set1_epi64x(static_cast<long long>(power)));
      for (std::size_t i = 0; i < Digits; ++i) chosen[i] = _mm256_mask_mov_epi64(chosen[i], mine, table[power][i]);
    }
    multiply<Digits>(value, chosen, m, factor);
  }
  leaveMontgomery<Digits>(value, m, factor);
  store<Digits>(value, x);
}

// Each task's result from its lane of `x`, reduced below its modulus.
template <std::size_t Digits, class Task>
bool writeResults(std::span<const Task> tasks, const LaneMajor<Digits>& x) {
  for (std::size_t lane = 0; lane < tasks.size(); ++lane) {
    const Task& task = tasks[lane];
    if (!fromLane<Digits, LaneSet<Digits>::kLimbs>(x, lane, task.result) ||
        (BN_cmp(task.result, task.modulus) >= 0 && BN_sub(task.result, task.result, task.modulus) != 1)) {
      return false;
    }
  }
  return true;
}

// Sets up every lane for its task (lanes past the tasks repeat the last
// one), runs the loop the task type calls for and writes the results.
template <std::size_t Digits, class Task>
bool runLanes(std::span<const Task> tasks, BN_CTX* ctx) {
  constexpr bool kWithBases = std::is_same_v<Task, LanePowerTask>;
  LaneSet<Digits> lanes;
  LaneMajor<Digits> x{};
  BN_CTX_start(ctx);
  BIGNUM* scratch = BN_CTX_get(ctx);
  bool ok = scratch != nullptr;
  for (std::size_t lane = 0; ok && lane < kLaneCount; ++lane) {
    const Task& task = tasks[std::min(lane, tasks.size() - 1)];
    ok = lanes.set(lane, task.modulus, task.exponent, scratch, ctx);
    if constexpr (kWithBases) {
      // The base in Montgomery form, base * R mod m, where the loop starts.
      typename LaneSet<Digits>::Limbs limbs{};
      ok = ok && BN_lshift(scratch, task.base, static_cast<int>(Digits * kDigitBits)) == 1 &&
           BN_mod(scratch, scratch, task.modulus, ctx) == 1 && toLimbs(scratch, limbs);
      if (ok) toLane<Digits>(limbs, x, lane);
      OPENSSL_cleanse(limbs.data(), sizeof(limbs));
    }
  }
  if (ok) {
    if constexpr (kWithBases) {
      windowedLoop<Digits>(lanes, x);
    } else {
      powersOfTwoLoop<Digits>(lanes, x);
    }
    ok = writeResults<Digits>(tasks, x);
  }
  BN_CTX_end(ctx);
  OPENSSL_cleanse(x.data(), sizeof(x));
  return ok;
}

// The digit count for `tasks` (20 or 40), or 0 when one does not qualify.
template <class Task>
std::size_t digitsForTasks(std::span<const Task> tasks) {
  if (tasks.empty() || tasks.size() > kLaneCount || !lanesAvailable()) return 0;
  int modulusBits = 0, exponentBits = 0;
  for (const Task& task : tasks) {
    if (!BN_is_odd(task.modulus) || BN_is_one(task.modulus) || BN_is_negative(task.exponent)) return 0;
    modulusBits = std::max(modulusBits, BN_num_bits(task.modulus));
    exponentBits = std::max(exponentBits, BN_num_bits(task.exponent));
  }
  if (modulusBits > kLaneModulusBits || exponentBits > modulusBits) return 0;
  return digitsFor(modulusBits);
}

// `tasks` run with the digit count their moduli take; false when they do not qualify.
template <class Task>
bool runTasks(std::span<const Task> tasks, BN_CTX* ctx) {
  switch (digitsForTasks(tasks)) {
    case 20:
      return runLanes<20>(tasks, ctx);
    case 40:
      return runLanes<40>(tasks, ctx);
    default:
      return false;
  }
}
#endif

}  // namespace

bool lanesAvailable() { return cpuFeatures().avx512IfmaAndVl; }

bool powersOfTwo(std::span<const PowerOfTwoTask> tasks, BN_CTX* ctx) {
#if defined(__x86_64__)
  return runTasks(tasks, ctx);
#else
  (void)tasks;
  (void)ctx;
  return false;
#endif
}

bool lanePowers(std::span<const LanePowerTask> tasks, BN_CTX* ctx) {
  for (const LanePowerTask& task : tasks) {
    if (BN_is_negative(task.base)) return false;
  }
#if defined(__x86_64__)
  return runTasks(tasks, ctx);
#else
  (void)ctx;
  return false;
#endif
}

}  // namespace ho::tmpl
