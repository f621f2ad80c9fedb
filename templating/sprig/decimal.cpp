// shopspring/decimal-compatible arithmetic on OpenSSL bignums.
#include "templating/sprig/decimal.h"

#include <charconv>
#include <cstdlib>
#include <string>

#include "core/error.h"

namespace ho::tmpl {

namespace {

constexpr int kDivisionPrecision = 16;  // shopspring's DivisionPrecision

BnCtxPtr newContext() { return BnCtxPtr(BN_CTX_new()); }

BIGNUM* powerOfTen(int n, BN_CTX* ctx) {
  BIGNUM* result = BN_new();
  BIGNUM* ten = BN_new();
  BIGNUM* exponent = BN_new();
  BN_set_word(ten, 10);
  BN_set_word(exponent, static_cast<BN_ULONG>(n));
  BN_exp(result, ten, exponent, ctx);
  BN_free(ten);
  BN_free(exponent);
  return result;
}

}  // namespace

Decimal Decimal::fromFloat(double f) {
  // Shortest round-trip digits, e.g. "1.2345e-05".
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string text(buf, end);
  const auto e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  const std::string mantissa = text.substr(0, e);
  const auto dot = mantissa.find('.');
  const int fractionDigits = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  const int exponent = std::atoi(text.c_str() + e + 1) - fractionDigits;
  BIGNUM* coefficient = nullptr;
  BN_dec2bn(&coefficient, digits.c_str());
  return Decimal(Bignum(coefficient), exponent);
}

double Decimal::toFloat() const {
  char* digits = BN_bn2dec(coefficient_.get());
  std::string text = std::string(digits) + "e" + std::to_string(exponent_);
  OPENSSL_free(digits);
  return std::strtod(text.c_str(), nullptr);
}

Decimal::Bignum Decimal::coefficientAt(int exponent) const {
  auto ctx = newContext();
  Bignum scale(powerOfTen(exponent_ - exponent, ctx.get()));
  Bignum result(BN_new());
  BN_mul(result.get(), coefficient_.get(), scale.get(), ctx.get());
  return result;
}

Decimal Decimal::add(const Decimal& other) const {
  const int exponent = std::min(exponent_, other.exponent_);
  Bignum sum(BN_new());
  BN_add(sum.get(), coefficientAt(exponent).get(), other.coefficientAt(exponent).get());
  return Decimal(std::move(sum), exponent);
}

Decimal Decimal::subtract(const Decimal& other) const {
  const int exponent = std::min(exponent_, other.exponent_);
  Bignum difference(BN_new());
  BN_sub(difference.get(), coefficientAt(exponent).get(), other.coefficientAt(exponent).get());
  return Decimal(std::move(difference), exponent);
}

Decimal Decimal::multiply(const Decimal& other) const {
  auto ctx = newContext();
  Bignum product(BN_new());
  BN_mul(product.get(), coefficient_.get(), other.coefficient_.get(), ctx.get());
  return Decimal(std::move(product), exponent_ + other.exponent_);
}

Decimal Decimal::divide(const Decimal& other) const {
  if (BN_is_zero(other.coefficient_.get())) throw Failure("decimal division by 0");
  auto ctx = newContext();
  // quotient = this / other * 10^16, as an integer rounded half away from zero.
  const int shift = exponent_ - other.exponent_ + kDivisionPrecision;
  Bignum numerator(BN_dup(coefficient_.get()));
  Bignum denominator(BN_dup(other.coefficient_.get()));
  Bignum scale(powerOfTen(shift >= 0 ? shift : -shift, ctx.get()));
  BIGNUM* scaled = shift >= 0 ? numerator.get() : denominator.get();
  BN_mul(scaled, scaled, scale.get(), ctx.get());
  const bool negative = BN_is_negative(numerator.get()) != BN_is_negative(denominator.get());
  BN_set_negative(numerator.get(), 0);
  BN_set_negative(denominator.get(), 0);
  Bignum quotient(BN_new());
  Bignum remainder(BN_new());
  BN_div(quotient.get(), remainder.get(), numerator.get(), denominator.get(), ctx.get());
  BN_lshift1(remainder.get(), remainder.get());
  if (BN_cmp(remainder.get(), denominator.get()) >= 0) BN_add_word(quotient.get(), 1);
  BN_set_negative(quotient.get(), negative ? 1 : 0);
  return Decimal(std::move(quotient), -kDivisionPrecision);
}

}  // namespace ho::tmpl
