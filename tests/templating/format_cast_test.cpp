// spf13/cast conversions as Sprig's int/int64/float64 expose them; expected
// values are what Helm 3.17 printed for `{{ int64 "..." }}` and friends.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "templating/go_cast.h"
#include "tests/templating/format_values.h"

namespace ho::tmpl {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

TEST(CastToInt64, StringsUseGoBasePrefixesAndTrimZeroDecimals) {
  EXPECT_EQ(castToInt64(S("0x1F")), 31);
  EXPECT_EQ(castToInt64(S("010")), 8);
  EXPECT_EQ(castToInt64(S("0b101")), 5);
  EXPECT_EQ(castToInt64(S("0o17")), 15);
  EXPECT_EQ(castToInt64(S("0_7")), 7);
  EXPECT_EQ(castToInt64(S("1_000")), 1000);
  EXPECT_EQ(castToInt64(S("12.00")), 12);
  EXPECT_EQ(castToInt64(S("-12.000")), -12);
  EXPECT_EQ(castToInt64(S("-0x10")), -16);
  EXPECT_EQ(castToInt64(S("9223372036854775807")), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(castToInt64(S("-9223372036854775808")), std::numeric_limits<std::int64_t>::min());
}

TEST(CastToInt64, UnparsableStringsGiveZero) {
  for (const char* text : {"12.5", " 5", "_1", "12.", "0x", "9223372036854775808", "abc", ""}) {
    EXPECT_EQ(castToInt64(S(text)), 0) << text;
  }
  EXPECT_EQ(castToInt64(S("0")), 0);
}

TEST(CastToInt64, OtherTypes) {
  EXPECT_EQ(castToInt64(B(true)), 1);
  EXPECT_EQ(castToInt64(N()), 0);
  EXPECT_EQ(castToInt64(F(3.9)), 3);
  EXPECT_EQ(castToInt64(F(-3.99)), -3);
  EXPECT_EQ(castToInt64(F(1e20)), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(castToInt64(F(std::numeric_limits<double>::quiet_NaN())), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(castToInt64(L({I(1)})), 0);
  EXPECT_EQ(castToInt(S("0x1F")), 31);
}

TEST(CastToFloat64, GoFloatSyntax) {
  EXPECT_EQ(castToFloat64(S("1_000.5")), 1000.5);
  EXPECT_EQ(castToFloat64(S("0x1p-2")), 0.25);
  EXPECT_EQ(castToFloat64(S("0x_1p4")), 16);
  EXPECT_EQ(castToFloat64(S(".5")), 0.5);
  EXPECT_EQ(castToFloat64(S("5.")), 5);
  EXPECT_TRUE(std::isinf(castToFloat64(S("Infinity"))));
  EXPECT_EQ(castToFloat64(S("-inf")), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(castToFloat64(S("nan"))));
  for (const char* text : {"1e400", "0x1p", "+nan", "1__0", " 1", "1e", "."}) {
    EXPECT_EQ(castToFloat64(S(text)), 0) << text;
  }
  EXPECT_EQ(castToFloat64(S("1e-400")), 0);
  EXPECT_EQ(castToFloat64(B(true)), 1);
  EXPECT_EQ(castToFloat64(N()), 0);
  EXPECT_EQ(castToFloat64(I(7)), 7);
}

TEST(CastToString, StrvalPrintsNonStringsWithPercentV) {
  EXPECT_EQ(castToString(S("x")), "x");
  EXPECT_EQ(castToString(I(5)), "5");
  EXPECT_EQ(castToString(F(1e6)), "1e+06");
  EXPECT_EQ(castToString(N()), "<nil>");
  EXPECT_EQ(castToString(L({S("a"), I(1)})), "[a 1]");
}

TEST(CastToStrings, StrsliceDropsNilElements) {
  EXPECT_EQ(castToStrings(L({S("a"), N(), I(1), B(true)})), (std::vector<std::string>{"a", "1", "true"}));
  EXPECT_EQ(castToStrings(N()), std::vector<std::string>{});
  EXPECT_EQ(castToStrings(I(3)), std::vector<std::string>{"3"});
  EXPECT_EQ(castToStrings(Value::list({S("x")}, GoType::StringList)), std::vector<std::string>{"x"});
}

TEST(CastToBool, ParseBoolAndNumbers) {
  EXPECT_TRUE(castToBool(S("T")));
  EXPECT_TRUE(castToBool(S("True")));
  EXPECT_FALSE(castToBool(S("yes")));
  EXPECT_TRUE(castToBool(I(2)));
  EXPECT_FALSE(castToBool(F(0)));
  EXPECT_FALSE(castToBool(N()));
}

}  // namespace
}  // namespace ho::tmpl
