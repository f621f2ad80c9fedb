// RSA key generation the way Go's crypto/rsa does it: two random primes of
// half the size with their top two bits set, e = 65537. OpenSSL 3's own
// keygen follows SP 800-56B (auxiliary primes, constant-time gcd checks) and
// is several times slower, which dominated rendering charts that call genCA.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <memory>

#include "templating/sprig/pki.h"

namespace ho::tmpl {
namespace {

constexpr unsigned long kPublicExponent = 65537;

struct BnFree {
  void operator()(BIGNUM* b) const { BN_clear_free(b); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;
struct BnCtxFree {
  void operator()(BN_CTX* c) const { BN_CTX_free(c); }
};
struct ParamBuildFree {
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamsFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

Bn newBn() { return Bn(BN_new()); }

// A prime of `bits` bits whose predecessor is not a multiple of e (so that
// gcd(e, p-1) = 1 for the prime e = 65537).
Bn generatePrime(int bits, BN_CTX* ctx) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    Bn prime = newBn();
    if (!prime || BN_generate_prime_ex2(prime.get(), bits, 0, nullptr, nullptr, nullptr, ctx) != 1) return nullptr;
    if (BN_mod_word(prime.get(), kPublicExponent) != 1) return prime;
  }
  return nullptr;
}

}  // namespace

PrivateKey generateRsaKey(int bits) {
  std::unique_ptr<BN_CTX, BnCtxFree> ctx(BN_CTX_secure_new());
  if (!ctx) return nullptr;
  Bn p, q;
  Bn n = newBn(), e = newBn(), d = newBn(), pMinus1 = newBn(), qMinus1 = newBn(), phi = newBn();
  Bn dmp1 = newBn(), dmq1 = newBn(), iqmp = newBn();
  if (!n || !e || !d || !pMinus1 || !qMinus1 || !phi || !dmp1 || !dmq1 || !iqmp) return nullptr;
  if (BN_set_word(e.get(), kPublicExponent) != 1) return nullptr;
  for (int attempt = 0; attempt < 100; ++attempt) {
    p = generatePrime(bits - bits / 2, ctx.get());
    q = generatePrime(bits / 2, ctx.get());
    if (!p || !q) return nullptr;
    if (BN_cmp(p.get(), q.get()) == 0) continue;
    if (BN_mul(n.get(), p.get(), q.get(), ctx.get()) != 1) return nullptr;
    if (BN_num_bits(n.get()) == bits) break;
  }
  if (BN_num_bits(n.get()) != bits) return nullptr;
  // Keep p > q so that qInv = q^-1 mod p is the CRT coefficient OpenSSL expects.
  if (BN_cmp(p.get(), q.get()) < 0) std::swap(p, q);
  if (BN_sub(pMinus1.get(), p.get(), BN_value_one()) != 1 || BN_sub(qMinus1.get(), q.get(), BN_value_one()) != 1 ||
      BN_mul(phi.get(), pMinus1.get(), qMinus1.get(), ctx.get()) != 1 ||
      !BN_mod_inverse(d.get(), e.get(), phi.get(), ctx.get()) ||
      BN_mod(dmp1.get(), d.get(), pMinus1.get(), ctx.get()) != 1 ||
      BN_mod(dmq1.get(), d.get(), qMinus1.get(), ctx.get()) != 1 ||
      !BN_mod_inverse(iqmp.get(), q.get(), p.get(), ctx.get())) {
    return nullptr;
  }

  std::unique_ptr<OSSL_PARAM_BLD, ParamBuildFree> build(OSSL_PARAM_BLD_new());
  if (!build || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dmp1.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dmq1.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, iqmp.get())) {
    return nullptr;
  }
  std::unique_ptr<OSSL_PARAM, ParamsFree> params(OSSL_PARAM_BLD_to_param(build.get()));
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> keyCtx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !keyCtx || EVP_PKEY_fromdata_init(keyCtx.get()) <= 0 ||
      EVP_PKEY_fromdata(keyCtx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) <= 0) {
    return nullptr;
  }
  return PrivateKey(key);
}

}  // namespace ho::tmpl
