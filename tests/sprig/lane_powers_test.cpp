// powersOfTwo and lanePowers agree with OpenSSL's BN_mod_exp for every lane:
// moduli of both digit counts and mixed sizes in one call, exponents of every
// length, the exponents of the Fermat test (primes give 1, and so does a
// base-2 pseudoprime), bases at the edges; and both refuse what they do not
// take.
#include "templating/sprig/lane_powers.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/sprig/random_bignums.h"

namespace ho::tmpl {
namespace {

using testing::Bn;
using testing::randomOdd;

Bn minusOne(const BIGNUM* n) {
  Bn result(BN_dup(n));
  EXPECT_EQ(BN_sub_word(result.get(), 1), 1);
  return result;
}

class PowersOfTwoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!lanesAvailable()) GTEST_SKIP() << "this CPU lacks AVX-512 IFMA and VL: RSA keys take the pairs path";
    ASSERT_EQ(BN_set_word(two_.get(), 2), 1);
  }

  // Runs (modulus, exponent) pairs in one call and compares each lane with BN_mod_exp.
  void expectMatches(const std::vector<std::pair<const BIGNUM*, const BIGNUM*>>& inputs) {
    std::vector<Bn> results;
    std::vector<PowerOfTwoTask> tasks;
    for (const auto& [modulus, exponent] : inputs) {
      results.emplace_back(BN_new());
      tasks.push_back({modulus, exponent, results.back().get()});
    }
    ASSERT_TRUE(powersOfTwo(tasks, ctx_.get()));
    for (std::size_t lane = 0; lane < tasks.size(); ++lane) {
      Bn want(BN_new());
      ASSERT_EQ(BN_mod_exp(want.get(), two_.get(), tasks[lane].exponent, tasks[lane].modulus, ctx_.get()), 1);
      EXPECT_EQ(BN_cmp(results[lane].get(), want.get()), 0)
          << "lane " << lane << " of " << tasks.size() << ": modulus of " << BN_num_bits(tasks[lane].modulus)
          << " bits, exponent of " << BN_num_bits(tasks[lane].exponent);
    }
  }

  BnCtxPtr ctx_{BN_CTX_new()};
  Bn two_{BN_new()};
};

TEST_F(PowersOfTwoTest, RandomModuliAndExponentsMatchBnModExp) {
  for (int bits : {1024, 1036, 1037, 1536, 2048, 64, 3}) {
    for (std::size_t lanes = 1; lanes <= kLaneCount; ++lanes) {
      std::vector<Bn> moduli, exponents;
      std::vector<std::pair<const BIGNUM*, const BIGNUM*>> inputs;
      for (std::size_t lane = 0; lane < lanes; ++lane) {
        moduli.push_back(randomOdd(bits));
        exponents.emplace_back(BN_new());
        ASSERT_EQ(BN_rand_range(exponents.back().get(), moduli.back().get()), 1);
        inputs.emplace_back(moduli.back().get(), exponents.back().get());
      }
      expectMatches(inputs);
    }
  }
}

// One call's lanes of different sizes, and exponents of every length up to the
// modulus's (the loop runs the longest one's bits), 0 and 1 among them.
TEST_F(PowersOfTwoTest, MixedSizesAndExponentLengths) {
  Bn zero(BN_new()), one(BN_new());
  BN_zero(zero.get());
  ASSERT_EQ(BN_set_word(one.get(), 1), 1);
  for (int digitsBits : {1024, 2048}) {
    for (int length = 1; length <= digitsBits; length += 37) {
      Bn large = randomOdd(digitsBits), small = randomOdd(length < 3 ? 3 : length), exponent(BN_new());
      ASSERT_EQ(BN_rand(exponent.get(), length, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY), 1);
      expectMatches({{large.get(), exponent.get()},
                     {small.get(), zero.get()},
                     {large.get(), one.get()},
                     {small.get(), exponent.get()}});
    }
  }
}

// The Fermat test's exponents: 2^(p-1) = 1 for primes of both sizes, and for
// (4^509 - 1) / 3, a base-2 pseudoprime (Cipolla): the test is a filter
// before the Miller-Rabin rounds, never the last word.
TEST_F(PowersOfTwoTest, FermatExponents) {
  Bn prime1024(BN_new()), prime2048(BN_new());
  ASSERT_EQ(BN_generate_prime_ex(prime1024.get(), 1024, 0, nullptr, nullptr, nullptr), 1);
  ASSERT_EQ(BN_generate_prime_ex(prime2048.get(), 2048, 0, nullptr, nullptr, nullptr), 1);
  Bn pseudoprime(BN_new());
  ASSERT_EQ(BN_set_bit(pseudoprime.get(), 2 * 509), 1);
  ASSERT_EQ(BN_sub_word(pseudoprime.get(), 1), 1);
  ASSERT_EQ(BN_div_word(pseudoprime.get(), 3), 0u);
  ASSERT_EQ(BN_check_prime(pseudoprime.get(), ctx_.get(), nullptr), 0);
  Bn composite = randomOdd(1024);
  Bn p1 = minusOne(prime1024.get()), p2 = minusOne(prime2048.get()), p3 = minusOne(pseudoprime.get()),
     p4 = minusOne(composite.get());
  expectMatches({{prime1024.get(), p1.get()}, {pseudoprime.get(), p3.get()}, {composite.get(), p4.get()}});
  expectMatches({{prime2048.get(), p2.get()}, {prime1024.get(), p1.get()}});
  std::vector<Bn> results;
  for (int i = 0; i < 3; ++i) results.emplace_back(BN_new());
  const PowerOfTwoTask tasks[] = {{prime1024.get(), p1.get(), results[0].get()},
                                  {pseudoprime.get(), p3.get(), results[1].get()},
                                  {composite.get(), p4.get(), results[2].get()}};
  ASSERT_TRUE(powersOfTwo(tasks, ctx_.get()));
  EXPECT_TRUE(BN_is_one(results[0].get()));
  EXPECT_TRUE(BN_is_one(results[1].get()));
  EXPECT_FALSE(BN_is_one(results[2].get()));
}

TEST_F(PowersOfTwoTest, RefusesWhatItDoesNotTake) {
  Bn odd = randomOdd(1024), tooLarge = randomOdd(kLaneModulusBits + 1), even(BN_dup(odd.get())), one(BN_new());
  ASSERT_EQ(BN_add_word(even.get(), 1), 1);
  ASSERT_EQ(BN_set_word(one.get(), 1), 1);
  Bn longExponent = randomOdd(1100), result(BN_new());
  auto refuses = [&](std::vector<PowerOfTwoTask> tasks) { return !powersOfTwo(tasks, ctx_.get()); };
  EXPECT_TRUE(refuses({}));
  EXPECT_TRUE(refuses({{tooLarge.get(), odd.get(), result.get()}}));
  EXPECT_TRUE(refuses({{even.get(), odd.get(), result.get()}}));
  EXPECT_TRUE(refuses({{one.get(), odd.get(), result.get()}}));
  EXPECT_TRUE(refuses({{odd.get(), longExponent.get(), result.get()}}));
  EXPECT_TRUE(refuses(std::vector<PowerOfTwoTask>(kLaneCount + 1, {odd.get(), odd.get(), result.get()})));
}

// lanePowers: each lane's (modulus, base, exponent) against BN_mod_exp.
class LanePowersTest : public PowersOfTwoTest {
 protected:
  struct Input {
    const BIGNUM* modulus;
    const BIGNUM* base;
    const BIGNUM* exponent;
  };
  void expectPowersMatch(const std::vector<Input>& inputs) {
    std::vector<Bn> results;
    std::vector<LanePowerTask> tasks;
    for (const Input& input : inputs) {
      results.emplace_back(BN_new());
      tasks.push_back({input.modulus, input.base, input.exponent, results.back().get()});
    }
    ASSERT_TRUE(lanePowers(tasks, ctx_.get()));
    for (std::size_t lane = 0; lane < tasks.size(); ++lane) {
      Bn want(BN_new());
      ASSERT_EQ(BN_mod_exp(want.get(), tasks[lane].base, tasks[lane].exponent, tasks[lane].modulus, ctx_.get()), 1);
      EXPECT_EQ(BN_cmp(results[lane].get(), want.get()), 0)
          << "lane " << lane << " of " << tasks.size() << ": modulus of " << BN_num_bits(tasks[lane].modulus)
          << " bits, base of " << BN_num_bits(tasks[lane].base) << ", exponent of "
          << BN_num_bits(tasks[lane].exponent);
    }
  }
};

TEST_F(LanePowersTest, RandomOperandsMatchBnModExp) {
  for (int bits : {1024, 1036, 1037, 1536, 2048, 64, 3}) {
    for (std::size_t lanes = 1; lanes <= kLaneCount; ++lanes) {
      std::vector<Bn> moduli, bases, exponents;
      std::vector<Input> inputs;
      for (std::size_t lane = 0; lane < lanes; ++lane) {
        moduli.push_back(randomOdd(bits));
        bases.emplace_back(BN_new());
        exponents.emplace_back(BN_new());
        ASSERT_EQ(BN_rand_range(bases.back().get(), moduli.back().get()), 1);
        ASSERT_EQ(BN_rand_range(exponents.back().get(), moduli.back().get()), 1);
        inputs.push_back({moduli.back().get(), bases.back().get(), exponents.back().get()});
      }
      expectPowersMatch(inputs);
    }
  }
}

// Bases 0, 1, m - 1 and above the modulus; exponents 0, 1 and of every
// length (windows of 4 bits: lengths that are not multiples of 4 too); one
// modulus in every lane, as Miller-Rabin's rounds run.
TEST_F(LanePowersTest, EdgeOperandsAndOneModulus) {
  Bn zero(BN_new()), one(BN_new()), two(BN_new());
  BN_zero(zero.get());
  ASSERT_EQ(BN_set_word(one.get(), 1), 1);
  ASSERT_EQ(BN_set_word(two.get(), 2), 1);
  for (int bits : {1024, 2048}) {
    Bn modulus = randomOdd(bits), lessOne = minusOne(modulus.get()), above = randomOdd(bits + 3);
    ASSERT_EQ(BN_rshift1(above.get(), above.get()), 1);  // bits + 2 bits: above the modulus
    Bn exponent(BN_new());
    ASSERT_EQ(BN_rand_range(exponent.get(), modulus.get()), 1);
    expectPowersMatch({{modulus.get(), zero.get(), exponent.get()},
                       {modulus.get(), one.get(), exponent.get()},
                       {modulus.get(), lessOne.get(), exponent.get()},
                       {modulus.get(), above.get(), exponent.get()}});
    expectPowersMatch({{modulus.get(), lessOne.get(), zero.get()},
                       {modulus.get(), lessOne.get(), one.get()},
                       {modulus.get(), two.get(), lessOne.get()},
                       {modulus.get(), zero.get(), zero.get()}});
    for (int length = 1; length <= bits; length += 33) {
      Bn base(BN_new()), shortExponent(BN_new()), small = randomOdd(length < 3 ? 3 : length);
      ASSERT_EQ(BN_rand_range(base.get(), modulus.get()), 1);
      ASSERT_EQ(BN_rand(shortExponent.get(), length, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY), 1);
      expectPowersMatch({{modulus.get(), base.get(), shortExponent.get()},
                         {small.get(), base.get(), shortExponent.get()},
                         {modulus.get(), base.get(), exponent.get()}});
    }
  }
}

TEST_F(LanePowersTest, RefusesWhatItDoesNotTake) {
  Bn odd = randomOdd(1024), tooLarge = randomOdd(kLaneModulusBits + 1), negative(BN_dup(odd.get()));
  BN_set_negative(negative.get(), 1);
  Bn result(BN_new());
  auto refuses = [&](std::vector<LanePowerTask> tasks) { return !lanePowers(tasks, ctx_.get()); };
  EXPECT_TRUE(refuses({}));
  EXPECT_TRUE(refuses({{tooLarge.get(), odd.get(), odd.get(), result.get()}}));
  EXPECT_TRUE(refuses({{odd.get(), negative.get(), odd.get(), result.get()}}));
  EXPECT_TRUE(refuses({{odd.get(), odd.get(), negative.get(), result.get()}}));
  EXPECT_TRUE(refuses(std::vector<LanePowerTask>(kLaneCount + 1, {odd.get(), odd.get(), odd.get(), result.get()})));
}

}  // namespace
}  // namespace ho::tmpl
