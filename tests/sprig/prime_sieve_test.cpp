// The RSA prime search's sieve marks exactly the candidates with a small odd
// prime factor or with the public exponent dividing one less than them,
// checked against a plain sieve that reduces the base by each prime with
// OpenSSL's BN_mod_word.
#include <gtest/gtest.h>

#include "core/openssl_ptr.h"
#include "templating/sprig/prime_sieve.h"

namespace ho::tmpl {
namespace {

using Bn = OpenSslPtr<BIGNUM, BN_free>;

std::vector<std::uint32_t> oddPrimesBelow(std::uint32_t limit) {
  std::vector<bool> composite(limit);
  std::vector<std::uint32_t> primes;
  for (std::uint32_t n = 3; n < limit; n += 2) {
    if (composite[n]) continue;
    primes.push_back(n);
    for (std::uint64_t multiple = std::uint64_t{n} * n; multiple < limit; multiple += n) composite[multiple] = true;
  }
  return primes;
}

// What sieveWindow should return, one prime at a time.
std::vector<std::uint8_t> plainSieve(const BIGNUM* base, std::uint32_t exponent) {
  static const std::vector<std::uint32_t> primes = oddPrimesBelow(1u << 18);
  std::vector<std::uint8_t> rejected(kSieveWindow);
  // Marks the offsets whose candidate is `wanted` modulo `divisor`, walking
  // the candidates' remainders up by two.
  auto mark = [&](std::uint32_t divisor, BN_ULONG wanted) {
    BN_ULONG remainder = BN_mod_word(base, divisor);
    for (std::size_t k = 0; k < kSieveWindow; ++k) {
      if (remainder == wanted) rejected[k] = 1;
      remainder += 2;  // divisors are odd and above 2
      if (remainder >= divisor) remainder -= divisor;
    }
  };
  for (std::uint32_t p : primes) mark(p, 0);
  mark(exponent, 1);
  return rejected;
}

TEST(PrimeSieve, MarksWhatAPlainSieveMarks) {
  for (int bits : {1024, 1024, 2048, 64}) {
    Bn base(BN_new());
    ASSERT_EQ(BN_rand(base.get(), bits, BN_RAND_TOP_TWO, BN_RAND_BOTTOM_ODD), 1);
    for (std::uint32_t exponent : {65537u, 3u}) {
      const std::vector<std::uint8_t> got = sieveWindow(base.get(), exponent);
      const std::vector<std::uint8_t> want = plainSieve(base.get(), exponent);
      ASSERT_EQ(got.size(), want.size());
      std::size_t differences = 0, firstDifference = 0;
      for (std::size_t k = 0; k < want.size(); ++k) {
        if (got[k] != want[k] && differences++ == 0) firstDifference = k;
      }
      EXPECT_EQ(differences, 0u) << bits << "-bit base, e = " << exponent << ", first at offset " << firstDifference;
    }
  }
}

// A base that is itself a multiple of small primes, and one just past a
// product of all the primes of a run: remainders of zero and of one.
TEST(PrimeSieve, BasesWithZeroAndSmallRemainders) {
  Bn base(BN_new());
  ASSERT_EQ(BN_set_word(base.get(), 1), 1);
  for (std::uint32_t p : oddPrimesBelow(200)) ASSERT_EQ(BN_mul_word(base.get(), p), 1);
  ASSERT_EQ(BN_lshift(base.get(), base.get(), 700), 1);
  ASSERT_EQ(BN_add_word(base.get(), 3 * 5 * 7 * 11 * 13), 1);  // odd, divisible by those
  EXPECT_EQ(sieveWindow(base.get(), 65537), plainSieve(base.get(), 65537));
  ASSERT_EQ(BN_add_word(base.get(), 2), 1);
  EXPECT_EQ(sieveWindow(base.get(), 65537), plainSieve(base.get(), 65537));
}

}  // namespace
}  // namespace ho::tmpl
