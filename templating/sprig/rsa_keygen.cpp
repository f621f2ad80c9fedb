// RSA key generation the way Go's crypto/rsa does it: two random primes of
// half the size with their top two bits set, e = 65537. OpenSSL 3's own
// keygen follows SP 800-56B (auxiliary primes, constant-time gcd checks) and
// its prime search runs 64 Miller-Rabin rounds; here candidates are sieved by
// every prime below 2^18 and tested with the FIPS 186-5 round count for random
// candidates, two candidates' exponentiations at a time where the CPU runs
// pairs faster (see modular_power.h), and p and q are searched for in
// parallel. Where the CPU runs four modular powers at once (see
// lane_powers.h), a base-2 Fermat test of four candidates at a time first
// weeds out the ~30 composites each prime's search meets, and the counted
// random rounds follow for the one that passes, four of them at once too.
// genCA and friends spent most of a chart's rendering time here.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/openssl_ptr.h"
#include "templating/sprig/lane_powers.h"
#include "templating/sprig/modular_power.h"
#include "templating/sprig/pki.h"
#include "templating/sprig/prime_sieve.h"

namespace ho::tmpl {
namespace {

constexpr unsigned long kPublicExponent = 65537;

using Bn = OpenSslPtr<BIGNUM, BN_clear_free>;

Bn newBn() { return Bn(BN_new()); }

// Miller-Rabin rounds for a random candidate of `bits` bits: FIPS 186-5 table
// B.1's column for the key's security strength (a composite passes with
// probability below 2^-112 for 1024-bit primes, 2^-128 and less from 1536
// bits); Go uses the same counts.
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
    if (!drawWitness(witness, ctx)) return std::nullopt;
    return ModularPower::Task{power_, x, witness, d_.get()};
  }

  // The same as one lane of lanePowers.
  std::optional<LanePowerTask> laneRound(BIGNUM* witness, BIGNUM* x, BN_CTX* ctx) const {
    if (!drawWitness(witness, ctx)) return std::nullopt;
    return LanePowerTask{candidate_, witness, d_.get(), x};
  }

  // Whether two rounds take the time of one when run at once.
  bool pairsAtOnce() const { return power_.runsPairsAtOnce(); }

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
  bool drawWitness(BIGNUM* witness, BN_CTX* ctx) const {
    return BN_priv_rand_range_ex(witness, range_.get(), 0, ctx) == 1 && BN_add_word(witness, 2) == 1;
  }

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

// Up to four rounds for `test` at once in lanes (see lane_powers.h): whether
// all passed.
bool laneRoundsPass(const MillerRabin& test, std::size_t count, BN_CTX* ctx) {
  std::array<Bn, kLaneCount> witnesses, results;
  std::array<LanePowerTask, kLaneCount> tasks{};
  for (std::size_t lane = 0; lane < count; ++lane) {
    witnesses[lane] = newBn(), results[lane] = newBn();
    if (!witnesses[lane] || !results[lane]) return false;
    auto task = test.laneRound(witnesses[lane].get(), results[lane].get(), ctx);
    if (!task) return false;
    tasks[lane] = *task;
  }
  if (!lanePowers(std::span(tasks).first(count), ctx)) return false;
  for (std::size_t lane = 0; lane < count; ++lane) {
    if (!test.passes(results[lane].get(), ctx)) return false;
  }
  return true;
}

// `left` more rounds for `test`: where `inLanes`, four at a time in lanes
// while three or more are left (four there take less time than two pairs);
// then two at a time, an odd last one alone, or as a pair where a pair takes
// the time of one.
bool roundsPass(const MillerRabin& test, int left, bool inLanes, BN_CTX* ctx) {
  for (; inLanes && left >= 3; left -= static_cast<int>(kLaneCount)) {
    if (!laneRoundsPass(test, std::min<std::size_t>(static_cast<std::size_t>(left), kLaneCount), ctx)) {
      return false;
    }
  }
  for (; left >= 2 || (left == 1 && test.pairsAtOnce()); left -= 2) {
    auto [first, second] = roundsOfTwo(test, test, ctx);
    if (!first || !second) return false;
  }
  return left <= 0 || oneRound(test, ctx);
}

// The next few of a window's survivors of the sieve as candidates.
struct Batch {
  std::size_t count = 0;  // candidates filled
  bool pastTop = false;   // the window reached 2^bits: nothing after this batch
};

// Fills `candidates` (as many as there are) with base + 2 * offset for the
// survivors' offsets from `next` on, moving `next` past them; nullopt when
// OpenSSL fails.
std::optional<Batch> nextBatch(std::span<Bn> candidates, const BIGNUM* base, const std::vector<BN_ULONG>& survivors,
                               std::size_t& next, int bits) {
  Batch batch;
  for (; batch.count < candidates.size() && next < survivors.size(); ++batch.count, ++next) {
    BIGNUM* candidate = candidates[batch.count].get();
    if (!BN_copy(candidate, base) || BN_add_word(candidate, 2 * survivors[next]) != 1) return std::nullopt;
    if (BN_num_bits(candidate) != bits) {  // carried past the top
      batch.pastTop = true;
      break;
    }
  }
  return batch;
}

// The first prime among the window's survivors of the sieve (offsets from
// `base`), or null when there is none below 2^bits; nullopt when OpenSSL fails.
using WindowSearch = std::optional<Bn> (*)(const BIGNUM* base, const std::vector<BN_ULONG>& survivors, int bits,
                                           BN_CTX* ctx);

// Four candidates at a time through the base-2 Fermat test, then the counted
// random rounds for those that pass it (the test is not one of them), four of
// them in lanes too.
std::optional<Bn> searchByPowersOfTwo(const BIGNUM* base, const std::vector<BN_ULONG>& survivors, int bits,
                                      BN_CTX* ctx) {
  std::array<Bn, kLaneCount> candidates, exponents, results;
  std::array<PowerOfTwoTask, kLaneCount> tasks{};
  for (std::size_t lane = 0; lane < kLaneCount; ++lane) {
    candidates[lane] = newBn(), exponents[lane] = newBn(), results[lane] = newBn();
    if (!candidates[lane] || !exponents[lane] || !results[lane]) return std::nullopt;
    tasks[lane] = {candidates[lane].get(), exponents[lane].get(), results[lane].get()};
  }
  MillerRabin test;
  for (std::size_t next = 0; next < survivors.size();) {
    const std::optional<Batch> batch = nextBatch(candidates, base, survivors, next, bits);
    if (!batch) return std::nullopt;
    for (std::size_t lane = 0; lane < batch->count; ++lane) {
      if (!BN_copy(exponents[lane].get(), candidates[lane].get()) || BN_sub_word(exponents[lane].get(), 1) != 1) {
        return std::nullopt;
      }
    }
    if (batch->count > 0 && !powersOfTwo(std::span(tasks).first(batch->count), ctx)) return std::nullopt;
    for (std::size_t lane = 0; lane < batch->count; ++lane) {
      if (!BN_is_one(results[lane].get())) continue;
      if (!test.prepare(candidates[lane].get(), ctx)) return std::nullopt;
      if (roundsPass(test, millerRabinRounds(bits), true, ctx)) return std::move(candidates[lane]);
    }
    if (batch->pastTop) break;
  }
  return Bn();
}

// Two candidates at a time through a random-witness round, then the rest of
// the counted rounds for those that pass it.
std::optional<Bn> searchByPairs(const BIGNUM* base, const std::vector<BN_ULONG>& survivors, int bits, BN_CTX* ctx) {
  std::array<Bn, 2> candidates{newBn(), newBn()};
  std::array<MillerRabin, 2> tests;
  if (!candidates[0] || !candidates[1]) return std::nullopt;
  for (std::size_t next = 0; next < survivors.size();) {
    const std::optional<Batch> batch = nextBatch(candidates, base, survivors, next, bits);
    if (!batch) return std::nullopt;
    for (std::size_t i = 0; i < batch->count; ++i) {
      if (!tests[i].prepare(candidates[i].get(), ctx)) return std::nullopt;
    }
    std::array<bool, 2> passed{false, false};
    if (batch->count > 0) passed = roundsOfTwo(tests[0], tests[batch->count - 1], ctx);
    for (std::size_t i = 0; i < batch->count; ++i) {
      if (passed[i] && roundsPass(tests[i], millerRabinRounds(bits) - 1, false, ctx)) {
        return std::move(candidates[i]);
      }
    }
    if (batch->pastTop) break;
  }
  return Bn();
}

// A random prime of exactly `bits` bits with its top two bits set (so that the
// product of two such primes has exactly twice as many) and gcd(e, p-1) = 1.
// Candidates are a random odd start and its successors, sieved by small primes
// before any exponentiation, as Go's crypto/rand.Prime does.
Bn generatePrime(int bits, PrimeSearch how) {
  BnCtxPtr context(BN_CTX_secure_new());
  BN_CTX* ctx = context.get();
  Bn base = newBn();
  if (!ctx || !base) return nullptr;
  const WindowSearch search =
      how == PrimeSearch::fastest && lanesAvailable() && bits <= kLaneModulusBits ? searchByPowersOfTwo : searchByPairs;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    if (BN_priv_rand_ex(base.get(), bits, BN_RAND_TOP_TWO, BN_RAND_BOTTOM_ODD, 0, ctx) != 1) return nullptr;
    std::vector<std::uint8_t> rejected = sieveWindow(base.get(), kPublicExponent);
    std::vector<BN_ULONG> survivors;
    for (BN_ULONG k = 0; k < kSieveWindow; ++k) {
      if (!rejected[k]) survivors.push_back(k);
    }
    std::optional<Bn> prime = search(base.get(), survivors, bits, ctx);
    if (!prime) return nullptr;
    if (*prime) return std::move(*prime);
  }
  return nullptr;
}

}  // namespace

PrivateKey generateRsaKey(int bits, PrimeSearch search) {
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
    auto other = std::async(std::launch::async | std::launch::deferred,
                            [half = bits / 2, search] { return generatePrime(half, search); });
    p = generatePrime(bits - bits / 2, search);
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
