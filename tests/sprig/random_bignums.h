// Random big numbers for the tests of RSA's arithmetic (ModularPower,
// powersOfTwo): owned BIGNUMs and random odd moduli of an exact size.
#pragma once

#include <gtest/gtest.h>
#include <openssl/bn.h>

#include "core/openssl_ptr.h"

namespace ho::tmpl::testing {

using Bn = OpenSslPtr<BIGNUM, BN_free>;

// A random odd number of exactly `bits` bits.
inline Bn randomOdd(int bits) {
  Bn n(BN_new());
  EXPECT_EQ(BN_rand(n.get(), bits, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ODD), 1);
  return n;
}

}  // namespace ho::tmpl::testing
