// Exact decimal arithmetic as github.com/shopspring/decimal does it for
// sprig's addf/subf/mulf/divf: each float64 becomes its shortest decimal
// spelling, sums and products are exact, quotients are rounded to 16 decimal
// places (half away from zero), and the result converts back to the nearest
// float64.
#pragma once

#include <memory>

#include <openssl/bn.h>

#include "core/openssl_ptr.h"

namespace ho::tmpl {

class Decimal {
 public:
  static Decimal fromFloat(double f);  // decimal.NewFromFloat
  double toFloat() const;              // Decimal.Float64

  Decimal add(const Decimal& other) const;
  Decimal subtract(const Decimal& other) const;
  Decimal multiply(const Decimal& other) const;
  // Throws ho::Failure("decimal division by 0") like shopspring's panic.
  Decimal divide(const Decimal& other) const;

 private:
  using Bignum = OpenSslPtr<BIGNUM, BN_free>;

  Decimal(Bignum coefficient, int exponent) : coefficient_(std::move(coefficient)), exponent_(exponent) {}
  // The coefficient scaled so the exponent drops to `exponent` (<= exponent_).
  Bignum coefficientAt(int exponent) const;

  Bignum coefficient_;  // value = coefficient_ * 10^exponent_
  int exponent_ = 0;
};

}  // namespace ho::tmpl
