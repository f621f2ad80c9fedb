// ModularPower agrees with OpenSSL's plain BN_mod_exp, on the AVX2 routine
// (1024-bit moduli, where this machine takes it), on the generic path, and two
// at a time (paired on AVX-512 IFMA, one after the other elsewhere).
#include <gtest/gtest.h>

#include "templating/sprig/modular_power.h"
#include "tests/sprig/random_bignums.h"

namespace ho::tmpl {
namespace {

using testing::Bn;
using testing::randomOdd;

void expectAgreesWithBnModExp(const BIGNUM* modulus, const BIGNUM* base, const BIGNUM* exponent, BN_CTX* ctx) {
  ModularPower power;
  ASSERT_TRUE(power.prepare(modulus, ctx));
  Bn got(BN_new()), want(BN_new());
  ASSERT_TRUE(power.compute(got.get(), base, exponent, ctx));
  ASSERT_EQ(BN_mod_exp(want.get(), base, exponent, modulus, ctx), 1);
  EXPECT_EQ(BN_cmp(got.get(), want.get()), 0) << "modulus " << BN_num_bits(modulus) << " bits";
}

TEST(ModularPower, RandomOperandsMatchBnModExp) {
  if (ModularPower::avx2For1024Bits()) {
    std::cout << "1024-bit moduli take OpenSSL's AVX2 exponentiation on this machine\n";
  } else {
    std::cout << "1024-bit moduli take OpenSSL's own choice on this machine (no AVX2 routine linked, or not AMD)\n";
  }
  BnCtxPtr ctx(BN_CTX_new());
  for (int bits : {1024, 1024, 1024, 512, 1023, 1536}) {
    Bn modulus = randomOdd(bits);
    for (int i = 0; i < 8; ++i) {
      Bn base(BN_new()), exponent(BN_new());
      ASSERT_EQ(BN_rand_range(base.get(), modulus.get()), 1);
      ASSERT_EQ(BN_rand_range(exponent.get(), modulus.get()), 1);
      expectAgreesWithBnModExp(modulus.get(), base.get(), exponent.get(), ctx.get());
    }
  }
}

TEST(ModularPower, EdgeOperandsMatchBnModExp) {
  BnCtxPtr ctx(BN_CTX_new());
  Bn modulus = randomOdd(1024);
  Bn minusOne(BN_dup(modulus.get()));
  ASSERT_EQ(BN_sub_word(minusOne.get(), 1), 1);
  Bn small(BN_new()), exponent(BN_new());
  for (BN_ULONG baseWord : {0, 1, 2, 3}) {
    for (BN_ULONG exponentWord : {0, 1, 2, 65537}) {
      ASSERT_EQ(BN_set_word(small.get(), baseWord), 1);
      ASSERT_EQ(BN_set_word(exponent.get(), exponentWord), 1);
      expectAgreesWithBnModExp(modulus.get(), small.get(), exponent.get(), ctx.get());
    }
  }
  expectAgreesWithBnModExp(modulus.get(), minusOne.get(), minusOne.get(), ctx.get());
  ASSERT_EQ(BN_set_word(small.get(), 2), 1);
  expectAgreesWithBnModExp(modulus.get(), small.get(), minusOne.get(), ctx.get());
}

// Pairs over two moduli and over one, with operands that fill 16 limbs (the
// interleaved path on IFMA) and with a small base or exponent (the plain one).
TEST(ModularPower, PairsMatchBnModExp) {
  std::cout << (ModularPower::pairsFor1024Bits() ? "1024-bit pairs run interleaved (AVX-512 IFMA) on this machine\n"
                                                 : "1024-bit pairs run one after the other on this machine\n");
  BnCtxPtr ctx(BN_CTX_new());
  for (int bits : {1024, 1024, 1024, 1536}) {
    Bn modulus1 = randomOdd(bits), modulus2 = randomOdd(bits);
    ModularPower power1, power2;
    ASSERT_TRUE(power1.prepare(modulus1.get(), ctx.get()));
    ASSERT_TRUE(power2.prepare(modulus2.get(), ctx.get()));
    for (int i = 0; i < 6; ++i) {
      const bool sameModulus = i % 2 == 1;
      const ModularPower& second = sameModulus ? power1 : power2;
      const BIGNUM* secondModulus = sameModulus ? modulus1.get() : modulus2.get();
      Bn base1(BN_new()), exponent1(BN_new()), base2(BN_new()), exponent2(BN_new());
      ASSERT_EQ(BN_rand_range(base1.get(), modulus1.get()), 1);
      ASSERT_EQ(BN_rand_range(exponent1.get(), modulus1.get()), 1);
      ASSERT_EQ(BN_rand_range(base2.get(), secondModulus), 1);
      ASSERT_EQ(BN_rand_range(exponent2.get(), secondModulus), 1);
      if (i == 4) {
        ASSERT_EQ(BN_set_word(base2.get(), 2), 1);
      }
      if (i == 5) {
        ASSERT_EQ(BN_set_word(exponent1.get(), 65537), 1);
      }
      Bn got1(BN_new()), got2(BN_new()), want1(BN_new()), want2(BN_new());
      ASSERT_TRUE(ModularPower::computeTwo({power1, got1.get(), base1.get(), exponent1.get()},
                                           {second, got2.get(), base2.get(), exponent2.get()}, ctx.get()));
      ASSERT_EQ(BN_mod_exp(want1.get(), base1.get(), exponent1.get(), modulus1.get(), ctx.get()), 1);
      ASSERT_EQ(BN_mod_exp(want2.get(), base2.get(), exponent2.get(), secondModulus, ctx.get()), 1);
      EXPECT_EQ(BN_cmp(got1.get(), want1.get()), 0) << bits << " bits, case " << i;
      EXPECT_EQ(BN_cmp(got2.get(), want2.get()), 0) << bits << " bits, case " << i;
    }
  }
}

}  // namespace
}  // namespace ho::tmpl
