// The small-prime sieve (see prime_sieve.h): the window's base reduced once
// modulo runs of small primes, each run's remainder then modulo its primes,
// and every prime's multiples in the window marked.
#include "templating/sprig/prime_sieve.h"

#include <openssl/crypto.h>

#include <array>
#include <bit>

#include "templating/sprig/modular_power.h"

namespace ho::tmpl {
namespace {

// Odd primes below 2^18, the sieve's divisors. Sieving to 2^18 rather than
// 2^15 leaves a sixth fewer candidates for the exponentiations (the
// survivors of a sieve to B are ~1.12/ln B of the odd numbers) for a third
// of a reduction of the window's base per prime (see SieveRun), far less
// than they cost; deeper, the reductions catch up with the savings.
constexpr std::uint32_t kSieveBound = 1u << 18;
constexpr std::size_t kSmallPrimeCount = 22999;  // pi(2^18) - 1

// These tables are built by the compiler (a few seconds, once): at run time
// they took ~0.8 ms of every process that makes a key, the divisions for
// the reciprocals most of it.
constexpr auto kSmallPrimes = [] {
  std::array<bool, kSieveBound / 2> composite{};  // index i stands for 2i + 1
  std::array<std::uint32_t, kSmallPrimeCount> primes{};
  std::size_t found = 0;
  for (std::uint32_t i = 1; i < kSieveBound / 2; ++i) {
    if (composite[i]) continue;
    const std::uint32_t n = 2 * i + 1;
    primes[found++] = n;
    for (std::uint64_t multiple = std::uint64_t{n} * n; multiple < kSieveBound; multiple += 2 * n) {
      composite[multiple / 2] = true;
    }
  }
  if (found != kSmallPrimeCount) throw "kSmallPrimeCount is not the count of odd primes below kSieveBound";
  return primes;
}();

// floor(2^64 / p) for each small prime p: a run's remainder modulo p by a
// multiplication (see modSmallPrime). No p divides 2^64.
constexpr auto kPrimeReciprocals = [] {
  std::array<std::uint64_t, kSmallPrimeCount> reciprocals{};
  for (std::size_t i = 0; i < kSmallPrimeCount; ++i) reciprocals[i] = ~std::uint64_t{0} / kSmallPrimes[i];
  return reciprocals;
}();

// A run of small primes whose product fits 64 bits (three or four of them
// above 2^16), as that product shifted up to its top bit, with the
// reciprocal floor((2^128 - 1) / divisor) - 2^64: a remainder modulo it then
// takes two multiplications instead of a division (Moller and Granlund,
// "Improved division by invariant integers", 2011). A remainder modulo the
// shifted product is one modulo each of the run's primes as well. Run g is
// primes [end of run g-1, end).
struct SieveRun {
  std::uint64_t divisor;
  std::uint64_t reciprocal;
  std::uint32_t end;
};

// Calls `run(product, end)` for each run of primes, in order.
template <class Visit>
constexpr void forEachRun(Visit visit) {
  for (std::size_t i = 0; i < kSmallPrimeCount;) {
    std::uint64_t product = 1;
    std::uint64_t next = 0;
    while (i < kSmallPrimeCount && !__builtin_mul_overflow(product, std::uint64_t{kSmallPrimes[i]}, &next)) {
      product = next;
      ++i;
    }
    visit(product, static_cast<std::uint32_t>(i));
  }
}

constexpr std::size_t kRunCount = [] {
  std::size_t count = 0;
  forEachRun([&](std::uint64_t, std::uint32_t) { ++count; });
  return count;
}();

constexpr auto kSieveRuns = [] {
  std::array<SieveRun, kRunCount> runs{};
  std::size_t g = 0;
  forEachRun([&](std::uint64_t product, std::uint32_t end) {
    const std::uint64_t divisor = product << std::countl_zero(product);
    // floor((2^128 - 1) / divisor) - 2^64: (2^64 - 1 - divisor) * 2^64 + 2^64 - 1 divided by it.
    const auto reciprocal =
        static_cast<std::uint64_t>(((static_cast<unsigned __int128>(~divisor) << 64) | ~std::uint64_t{0}) / divisor);
    runs[g++] = {divisor, reciprocal, end};
  });
  return runs;
}();

// (high * 2^64 + low) mod run.divisor, for high < run.divisor: the quotient
// estimated from the reciprocal is at most two short, the remainder mended
// accordingly (computed modulo 2^64 and 2^128, as the algorithm allows).
std::uint64_t remainder128(std::uint64_t high, std::uint64_t low, const SieveRun& run) {
  const unsigned __int128 estimate =
      static_cast<unsigned __int128>(run.reciprocal) * high + ((static_cast<unsigned __int128>(high + 1) << 64) | low);
  const auto quotient = static_cast<std::uint64_t>(estimate >> 64);
  const auto fraction = static_cast<std::uint64_t>(estimate);
  // The two corrections by masks: as branches they mispredicted about half the time.
  std::uint64_t remainder = low - quotient * run.divisor;
  remainder += run.divisor & (0 - static_cast<std::uint64_t>(remainder > fraction));
  remainder -= run.divisor & (0 - static_cast<std::uint64_t>(remainder >= run.divisor));
  return remainder;
}

// x mod p for a small prime p and reciprocal = floor(2^64 / p): the quotient
// x * reciprocal / 2^64 is at most one short, so one subtraction mends it.
std::uint32_t modSmallPrime(std::uint64_t x, std::uint32_t p, std::uint64_t reciprocal) {
  const auto quotient = static_cast<std::uint64_t>((static_cast<unsigned __int128>(x) * reciprocal) >> 64);
  std::uint64_t remainder = x - quotient * p;
  remainder -= p & (0 - static_cast<std::uint64_t>(remainder >= p));
  return static_cast<std::uint32_t>(remainder);
}

// `base` modulo every run's divisor: long division by 64-bit limbs, most
// significant first, the runs side by side so that the processor overlaps
// their independent steps.
std::vector<std::uint64_t> residuesOfRuns(const BIGNUM* base) {
  std::vector<std::uint64_t> limbs(static_cast<std::size_t>((BN_num_bits(base) + 63) / 64));
  std::vector<std::uint64_t> residues(kRunCount, 0);
  if (!toLimbs(base, limbs)) return residues;
  for (std::size_t limb = limbs.size(); limb-- > 0;) {
    for (std::size_t g = 0; g < kRunCount; ++g) residues[g] = remainder128(residues[g], limbs[limb], kSieveRuns[g]);
  }
  OPENSSL_cleanse(limbs.data(), limbs.size() * sizeof(std::uint64_t));
  return residues;
}

}  // namespace

std::vector<std::uint8_t> sieveWindow(const BIGNUM* base, std::uint32_t exponent) {
  std::vector<std::uint8_t> rejected(kSieveWindow);  // bytes: marking is most of the sieve's stores
  std::vector<std::uint64_t> residues = residuesOfRuns(base);
  std::size_t j = 0;
  for (std::size_t g = 0; g < kRunCount; ++g) {
    for (; j < kSieveRuns[g].end; ++j) {
      const std::uint32_t p = kSmallPrimes[j];
      // base + 2k = 0 (mod p) at k = -r / 2 (mod p): halving t = -r mod p is
      // t / 2 when t is even, (t + p) / 2 when odd.
      const std::uint32_t r = modSmallPrime(residues[g], p, kPrimeReciprocals[j]);
      const std::uint32_t t = r == 0 ? 0 : p - r;
      const std::uint64_t first = (t % 2 == 0 ? t : t + p) / 2;
      for (std::uint64_t k = first; k < kSieveWindow; k += p) rejected[k] = 1;
    }
  }
  OPENSSL_cleanse(residues.data(), residues.size() * sizeof(std::uint64_t));
  // candidate - 1 must not be a multiple of the prime e: base + 2k = 1 (mod e).
  const BN_ULONG e = exponent;
  const BN_ULONG toOne = (1 + e - BN_mod_word(base, e)) % e;
  for (BN_ULONG k = toOne * ((e + 1) / 2) % e; k < kSieveWindow; k += e) rejected[k] = 1;
  return rejected;
}

}  // namespace ho::tmpl
