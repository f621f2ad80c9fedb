// The fast RSA key generator produces consistent two-prime keys of the asked
// size, through the fastest prime search this CPU has and through the pairs alone.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "templating/sprig/pki.h"

namespace ho::tmpl {
namespace {

struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

void expectConsistentKey(int bits, PrimeSearch search) {
  PrivateKey key = generateRsaKey(bits, search);
  ASSERT_TRUE(key) << bits;
  EXPECT_EQ(EVP_PKEY_get_bits(key.get()), bits);
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  EXPECT_EQ(EVP_PKEY_check(ctx.get()), 1) << bits;
  EXPECT_EQ(EVP_PKEY_pairwise_check(ctx.get()), 1) << bits;
}

TEST(RsaKeygen, KeysHaveTheAskedSizeAndPassOpenSslsConsistencyCheck) {
  for (int bits : {1024, 2048, 4096}) expectConsistentKey(bits, PrimeSearch::fastest);
}

// The search CPUs without AVX-512 IFMA run, whatever this one has.
TEST(RsaKeygen, MillerRabinPairsAloneMakeConsistentKeys) {
  for (int bits : {1024, 2048}) expectConsistentKey(bits, PrimeSearch::pairsOnly);
}

}  // namespace
}  // namespace ho::tmpl
