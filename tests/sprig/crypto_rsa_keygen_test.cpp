// The fast RSA key generator produces consistent two-prime keys of the asked size.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "templating/sprig/pki.h"

namespace ho::tmpl {
namespace {

struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

TEST(RsaKeygen, KeysHaveTheAskedSizeAndPassOpenSslsConsistencyCheck) {
  for (int bits : {1024, 2048, 4096}) {
    PrivateKey key = generateRsaKey(bits);
    ASSERT_TRUE(key) << bits;
    EXPECT_EQ(EVP_PKEY_get_bits(key.get()), bits);
    std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
    EXPECT_EQ(EVP_PKEY_check(ctx.get()), 1) << bits;
    EXPECT_EQ(EVP_PKEY_pairwise_check(ctx.get()), 1) << bits;
  }
}

}  // namespace
}  // namespace ho::tmpl
