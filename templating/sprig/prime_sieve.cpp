// The small-prime sieve (see prime_sieve.h): the window's base reduced once
// modulo runs of small primes, each run's remainder then modulo its primes,
// and every prime's multiples in the window marked.
#include "templating/sprig/prime_sieve.h"

#include <openssl/crypto.h>

#include <bit>

#include "templating/sprig/modular_power.h"

namespace ho::tmpl {
namespace {

// Odd primes below 2^18, the sieve's divisors. Sieving to 2^18 rather than
// 2^15 leaves a sixth fewer candidates for Miller-Rabin's exponentiations
// (the survivors of a sieve to B are ~1.12/ln B of the odd numbers) for a
// third of a reduction of the window's base per prime (see SieveRun), far
// less than they cost; deeper, the reductions catch up with the savings.
const std::vector<std::uint32_t>& smallPrimes() {
  static const std::vector<std::uint32_t> primes = [] {
    // Odd numbers only, a byte each (index i stands for 2i + 1): 2.4M
    // instructions per process that makes a key, where a bit vector of all
    // numbers took 4.0M.
    constexpr std::uint32_t limit = 1u << 18;
    std::vector<std::uint8_t> composite(limit / 2);
    std::vector<std::uint32_t> found;
    found.reserve(23000);  // pi(2^18) = 23000, two included
    for (std::uint32_t i = 1; i < limit / 2; ++i) {
      if (composite[i] != 0) continue;
      const std::uint32_t n = 2 * i + 1;
      found.push_back(n);
      for (std::uint64_t multiple = std::uint64_t{n} * n; multiple < limit; multiple += 2 * n)
        composite[multiple / 2] = 1;
    }
    return found;
  }();
  return primes;
}

// A run of small primes whose product fits 64 bits (three or four of them
// above 2^16), as that product shifted up to its top bit, with the
// reciprocal floor((2^128 - 1) / divisor) - 2^64: a remainder modulo it then
// takes two multiplications instead of a division (Moller and Granlund,
// "Improved division by invariant integers", 2011). A remainder modulo the
// shifted product is one modulo each of the run's primes as well.
struct SieveRun {
  std::uint64_t divisor;
  std::uint64_t reciprocal;
};

struct SieveGroups {
  std::vector<SieveRun> runs;
  std::vector<std::size_t> ends;  // run g is primes [ends[g-1], ends[g])
  // floor(2^64 / p) for each small prime p: a run's remainder modulo p by a
  // multiplication (see modSmallPrime).
  std::vector<std::uint64_t> primeReciprocals;
};

// floor((2^128 - 1) / divisor) - 2^64 for a divisor with its top bit set:
// (2^64 - 1 - divisor) * 2^64 + 2^64 - 1 divided by it.
std::uint64_t reciprocalOf(std::uint64_t divisor) {
#if defined(__x86_64__)
  // One DIV instruction; a plain 128-bit / calls libgcc's general division.
  std::uint64_t quotient, remainder;
  asm("divq %[d]" : "=a"(quotient), "=d"(remainder) : "a"(~std::uint64_t{0}), "d"(~divisor), [d] "rm"(divisor) : "cc");
  return quotient;
#else
  return static_cast<std::uint64_t>(((static_cast<unsigned __int128>(~divisor) << 64) | ~std::uint64_t{0}) / divisor);
#endif
}

const SieveGroups& sieveGroups() {
  static const SieveGroups groups = [] {
    SieveGroups built;
    const auto& primes = smallPrimes();
    for (std::size_t i = 0; i < primes.size();) {
      std::uint64_t product = 1;
      std::uint64_t next = 0;
      while (i < primes.size() && !__builtin_mul_overflow(product, std::uint64_t{primes[i]}, &next)) {
        product = next;
        ++i;
      }
      const std::uint64_t divisor = product << std::countl_zero(product);
      built.runs.push_back({divisor, reciprocalOf(divisor)});
      built.ends.push_back(i);
    }
    built.primeReciprocals.reserve(primes.size());
    for (std::uint32_t p : primes) built.primeReciprocals.push_back(~std::uint64_t{0} / p);  // no p divides 2^64
    return built;
  }();
  return groups;
}

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
std::vector<std::uint64_t> residuesOfRuns(const BIGNUM* base, const std::vector<SieveRun>& runs) {
  std::vector<std::uint64_t> limbs(static_cast<std::size_t>((BN_num_bits(base) + 63) / 64));
  std::vector<std::uint64_t> residues(runs.size(), 0);
  if (!toLimbs(base, limbs)) return residues;
  for (std::size_t limb = limbs.size(); limb-- > 0;) {
    for (std::size_t g = 0; g < runs.size(); ++g) residues[g] = remainder128(residues[g], limbs[limb], runs[g]);
  }
  OPENSSL_cleanse(limbs.data(), limbs.size() * sizeof(std::uint64_t));
  return residues;
}

}  // namespace

std::vector<std::uint8_t> sieveWindow(const BIGNUM* base, std::uint32_t exponent) {
  std::vector<std::uint8_t> rejected(kSieveWindow);  // bytes: marking is most of the sieve's stores
  const auto& primes = smallPrimes();
  const SieveGroups& groups = sieveGroups();
  std::vector<std::uint64_t> residues = residuesOfRuns(base, groups.runs);
  std::size_t j = 0;
  for (std::size_t g = 0; g < residues.size(); ++g) {
    for (; j < groups.ends[g]; ++j) {
      const std::uint32_t p = primes[j];
      // base + 2k = 0 (mod p) at k = -r / 2 (mod p): halving t = -r mod p is
      // t / 2 when t is even, (t + p) / 2 when odd.
      const std::uint32_t r = modSmallPrime(residues[g], p, groups.primeReciprocals[j]);
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
