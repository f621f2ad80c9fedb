// RSA key generation the way Go's crypto/rsa does it: two random primes of
// half the size with their top two bits set, e = 65537. OpenSSL 3's own
// keygen follows SP 800-56B (auxiliary primes, constant-time gcd checks) and
// its prime search runs 64 Miller-Rabin rounds; here candidates are sieved by
// every prime below 2^18 and tested with the FIPS 186-5 round count for random
// candidates, two candidates' exponentiations at a time where the CPU runs
// pairs faster (see modular_power.h), and p and q are searched for in
// parallel. genCA and friends spent most of a chart's rendering time here.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/param_build.h>

#include <array>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <vector>

#include "core/openssl_ptr.h"
#include "templating/sprig/modular_power.h"
#include "templating/sprig/pki.h"

namespace ho::tmpl {
namespace {

constexpr unsigned long kPublicExponent = 65537;
// Successive odd candidates sieved at a time; a 1024-bit window this long
// holds about a dozen primes.
constexpr BN_ULONG kWindow = 4096;

using Bn = OpenSslPtr<BIGNUM, BN_clear_free>;

Bn newBn() { return Bn(BN_new()); }

// Odd primes below 2^18, the sieve's divisors. Sieving to 2^18 rather than
// 2^15 leaves a sixth fewer candidates for Miller-Rabin's exponentiations
// (the survivors of a sieve to B are ~1.12/ln B of the odd numbers) for a
// third of a long division of the window's base per prime (see SieveGroups),
// far less than they cost; deeper, the divisions catch up with the savings.
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

// The small primes in runs whose products fit 64 bits (three or four each
// above 2^16): one long division of a window's base per run, not per prime.
struct SieveGroups {
  std::vector<std::uint64_t> products;
  std::vector<std::size_t> ends;  // run g is primes [ends[g-1], ends[g])
};

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
      built.products.push_back(product);
      built.ends.push_back(i);
    }
    return built;
  }();
  return groups;
}

// (high * 2^64 + low) mod m, for high < m.
std::uint64_t remainder128(std::uint64_t high, std::uint64_t low, std::uint64_t m) {
#if defined(__x86_64__)
  // One DIV instruction; a plain 128-bit % calls libgcc's general division.
  std::uint64_t quotient, remainder;
  asm("divq %[m]" : "=a"(quotient), "=d"(remainder) : "a"(low), "d"(high), [m] "rm"(m) : "cc");
  return remainder;
#else
  return static_cast<std::uint64_t>(((static_cast<unsigned __int128>(high) << 64) | low) % m);
#endif
}

// `base` modulo every run's product: long division by 64-bit limbs, most
// significant first, the runs side by side so that the processor overlaps
// their independent divisions.
std::vector<std::uint64_t> residuesOfRuns(const BIGNUM* base, const std::vector<std::uint64_t>& products) {
  std::vector<std::uint64_t> limbs(static_cast<std::size_t>((BN_num_bits(base) + 63) / 64));
  std::vector<std::uint64_t> residues(products.size(), 0);
  if (!toLimbs(base, limbs)) return residues;
  for (std::size_t limb = limbs.size(); limb-- > 0;) {
    for (std::size_t g = 0; g < products.size(); ++g) residues[g] = remainder128(residues[g], limbs[limb], products[g]);
  }
  OPENSSL_cleanse(limbs.data(), limbs.size() * sizeof(std::uint64_t));
  return residues;
}

// Miller-Rabin rounds for a random candidate of `bits` bits so that a composite
// passes with probability below 2^-100 (FIPS 186-5, table B.1; Go uses the same).
int millerRabinRounds(int bits) { return bits >= 1345 ? 4 : 5; }

// A candidate set up for Miller-Rabin rounds: candidate - 1 = 2^s * d.
class MillerRabin {
 public:
  // For `candidate` (odd, > 3, kept by the caller); false when OpenSSL fails.
  bool prepare(const BIGNUM* candidate, BN_CTX* ctx) {
    candidate_ = candidate;
    if (!minusOne_ || !d_ || !range_ || !power_.prepare(candidate, ctx) || !BN_copy(minusOne_.get(), candidate) ||
        BN_sub_word(minusOne_.get(), 1) != 1 || !BN_copy(range_.get(), candidate) ||
        BN_sub_word(range_.get(), 3) != 1) {
      return false;
    }
    s_ = 0;
    while (!BN_is_bit_set(minusOne_.get(), s_)) ++s_;
    return BN_rshift(d_.get(), minusOne_.get(), s_) == 1;
  }

  // A witness drawn uniformly from [2, candidate - 2] and its exponentiation
  // witness^d into `x`, to run with another round's (ModularPower::computeTwo).
  std::optional<ModularPower::Task> round(BIGNUM* witness, BIGNUM* x, BN_CTX* ctx) const {
    if (BN_priv_rand_range_ex(witness, range_.get(), 0, ctx) != 1 || BN_add_word(witness, 2) != 1) return std::nullopt;
    return ModularPower::Task{power_, x, witness, d_.get()};
  }

  // The rest of a round once x = witness^d: whether squaring it up to s-1
  // times leaves the candidate possibly prime.
  bool passes(BIGNUM* x, BN_CTX* ctx) const {
    if (BN_is_one(x) || BN_cmp(x, minusOne_.get()) == 0) return true;
    for (int i = 1; i < s_; ++i) {
      if (BN_mod_sqr(x, x, candidate_, ctx) != 1) return false;
      if (BN_cmp(x, minusOne_.get()) == 0) return true;
      if (BN_is_one(x)) return false;
    }
    return false;
  }

 private:
  const BIGNUM* candidate_ = nullptr;
  Bn minusOne_ = newBn(), d_ = newBn(), range_ = newBn();
  int s_ = 0;
  ModularPower power_;
};

// One round for `first` and one for `second` (the same candidate or two), their
// exponentiations run together: whether each passed.
std::array<bool, 2> roundsOfTwo(const MillerRabin& first, const MillerRabin& second, BN_CTX* ctx) {
  Bn witness1 = newBn(), witness2 = newBn(), x1 = newBn(), x2 = newBn();
  if (!witness1 || !witness2 || !x1 || !x2) return {false, false};
  auto task1 = first.round(witness1.get(), x1.get(), ctx);
  auto task2 = second.round(witness2.get(), x2.get(), ctx);
  if (!task1 || !task2 || !ModularPower::computeTwo(*task1, *task2, ctx)) return {false, false};
  return {first.passes(x1.get(), ctx), second.passes(x2.get(), ctx)};
}

// One round for a single candidate.
bool oneRound(const MillerRabin& test, BN_CTX* ctx) {
  Bn witness = newBn(), x = newBn();
  if (!witness || !x) return false;
  auto task = test.round(witness.get(), x.get(), ctx);
  return task && task->run(ctx) && test.passes(x.get(), ctx);
}

// The rounds after the first for a candidate that passed it, two at a time.
bool laterRoundsPass(const MillerRabin& test, int bits, BN_CTX* ctx) {
  int left = millerRabinRounds(bits) - 1;
  for (; left >= 2; left -= 2) {
    auto [first, second] = roundsOfTwo(test, test, ctx);
    if (!first || !second) return false;
  }
  return left == 0 || oneRound(test, ctx);
}

// Marks the offsets k of a window whose candidate base + 2k has a small prime
// factor or makes gcd(e, candidate - 1) > 1.
std::vector<bool> sieveWindow(const BIGNUM* base) {
  std::vector<bool> rejected(kWindow);
  const auto& primes = smallPrimes();
  const SieveGroups& groups = sieveGroups();
  std::vector<std::uint64_t> residues = residuesOfRuns(base, groups.products);
  std::size_t j = 0;
  for (std::size_t g = 0; g < residues.size(); ++g) {
    for (; j < groups.ends[g]; ++j) {
      const std::uint32_t p = primes[j];
      // base + 2k = 0 (mod p) at k = -r / 2 (mod p): halving t = -r mod p is
      // t / 2 when t is even, (t + p) / 2 when odd (one division per prime).
      const auto r = static_cast<std::uint32_t>(residues[g] % p);
      const std::uint32_t t = r == 0 ? 0 : p - r;
      const std::uint64_t first = (t % 2 == 0 ? t : t + p) / 2;
      for (std::uint64_t k = first; k < kWindow; k += p) rejected[k] = true;
    }
  }
  OPENSSL_cleanse(residues.data(), residues.size() * sizeof(std::uint64_t));
  // candidate - 1 must not be a multiple of the prime e: base + 2k = 1 (mod e).
  BN_ULONG e = kPublicExponent;
  BN_ULONG toOne = (1 + e - BN_mod_word(base, e)) % e;
  for (BN_ULONG k = toOne * ((e + 1) / 2) % e; k < kWindow; k += e) rejected[k] = true;
  return rejected;
}

// A random prime of exactly `bits` bits with its top two bits set (so that the
// product of two such primes has exactly twice as many) and gcd(e, p-1) = 1.
// Candidates are a random odd start and its successors, sieved by small primes
// before any Miller-Rabin exponentiation, as Go's crypto/rand.Prime does; the
// survivors take their first round two at a time.
Bn generatePrime(int bits) {
  BnCtxPtr context(BN_CTX_secure_new());
  BN_CTX* ctx = context.get();
  Bn base = newBn();
  std::array<Bn, 2> candidates{newBn(), newBn()};
  std::array<MillerRabin, 2> tests;
  if (!ctx || !base || !candidates[0] || !candidates[1]) return nullptr;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    if (BN_priv_rand_ex(base.get(), bits, BN_RAND_TOP_TWO, BN_RAND_BOTTOM_ODD, 0, ctx) != 1) return nullptr;
    std::vector<bool> rejected = sieveWindow(base.get());
    std::vector<BN_ULONG> survivors;
    for (BN_ULONG k = 0; k < kWindow; ++k) {
      if (!rejected[k]) survivors.push_back(k);
    }
    for (std::size_t next = 0; next < survivors.size();) {
      std::size_t count = 0;
      bool pastTop = false;
      for (; count < 2 && next < survivors.size(); ++count, ++next) {
        BIGNUM* candidate = candidates[count].get();
        if (!BN_copy(candidate, base.get()) || BN_add_word(candidate, 2 * survivors[next]) != 1) return nullptr;
        if (BN_num_bits(candidate) != bits) {  // carried past the top: draw again
          pastTop = true;
          break;
        }
        if (!tests[count].prepare(candidate, ctx)) return nullptr;
      }
      std::array<bool, 2> passed{false, false};
      if (count == 2) passed = roundsOfTwo(tests[0], tests[1], ctx);
      if (count == 1) passed[0] = oneRound(tests[0], ctx);
      for (std::size_t i = 0; i < count; ++i) {
        if (passed[i] && laterRoundsPass(tests[i], bits, ctx)) return std::move(candidates[i]);
      }
      if (pastTop) break;
    }
  }
  return nullptr;
}

}  // namespace

PrivateKey generateRsaKey(int bits) {
  BnCtxPtr ctx(BN_CTX_secure_new());
  if (!ctx) return nullptr;
  Bn p, q;
  Bn n = newBn(), e = newBn(), d = newBn(), pMinus1 = newBn(), qMinus1 = newBn(), phi = newBn();
  Bn dmp1 = newBn(), dmq1 = newBn(), iqmp = newBn();
  if (!n || !e || !d || !pMinus1 || !qMinus1 || !phi || !dmp1 || !dmq1 || !iqmp) return nullptr;
  if (BN_set_word(e.get(), kPublicExponent) != 1) return nullptr;
  for (int attempt = 0; attempt < 100; ++attempt) {
    // The two searches run at once, on this thread and another (or one after the
    // other when no thread can be started).
    auto other = std::async(std::launch::async | std::launch::deferred, [half = bits / 2] { return generatePrime(half); });
    p = generatePrime(bits - bits / 2);
    q = other.get();
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

  OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free> build(OSSL_PARAM_BLD_new());
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
  OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free> params(OSSL_PARAM_BLD_to_param(build.get()));
  EvpPkeyCtxPtr keyCtx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !keyCtx || EVP_PKEY_fromdata_init(keyCtx.get()) <= 0 ||
      EVP_PKEY_fromdata(keyCtx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) <= 0) {
    return nullptr;
  }
  return PrivateKey(key);
}

}  // namespace ho::tmpl
