// fmt.Sprint/Sprintln and %v of single values, strconv.FormatFloat and
// strconv.Quote; expected strings are Helm 3.17's print/println/printf output.
#include <gtest/gtest.h>

#include "core/go_float.h"

#include <limits>

#include "templating/go_format.h"
#include "tests/templating/format_values.h"

namespace ho::tmpl {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

TEST(Sprint, SpaceOnlyBetweenTwoNonStrings) {
  std::vector<Value> args{I(1), I(2), S("a"), I(3), N(), I(4), S("b"), S("c")};
  EXPECT_EQ(sprint(args), "1 2a3 <nil> 4bc");
  std::vector<Value> nils{N(), N()};
  EXPECT_EQ(sprint(nils), "<nil> <nil>");
  std::vector<Value> lists{L({S("a")}), L({S("b")})};
  EXPECT_EQ(sprint(lists), "[a] [b]");
  std::vector<Value> mixed{F(1.5), B(true)};
  EXPECT_EQ(sprint(mixed), "1.5 true");
}

TEST(Sprintln, AlwaysSpacesThenNewline) {
  std::vector<Value> args{I(1), S("a"), S("b")};
  EXPECT_EQ(sprintln(args), "1 a b\n");
}

TEST(FormatValue, FloatsUseShortestDigitsAndGoExponentRule) {
  EXPECT_EQ(formatValue(F(1e6)), "1e+06");
  EXPECT_EQ(formatValue(F(1234567.0)), "1.234567e+06");
  EXPECT_EQ(formatValue(F(100000.0)), "100000");
  EXPECT_EQ(formatValue(F(1e-05)), "1e-05");
  EXPECT_EQ(formatValue(F(0.0001)), "0.0001");
  EXPECT_EQ(formatValue(F(1e21)), "1e+21");
  EXPECT_EQ(formatValue(F(123456789.0)), "1.23456789e+08");
  EXPECT_EQ(formatValue(F(0.1)), "0.1");
  EXPECT_EQ(formatValue(F(-2.5)), "-2.5");
  EXPECT_EQ(formatValue(F(-0.0)), "-0");
  EXPECT_EQ(formatValue(F(std::numeric_limits<double>::infinity())), "+Inf");
  EXPECT_EQ(formatValue(F(std::numeric_limits<double>::quiet_NaN())), "NaN");
}

TEST(FormatValue, ContainersNilAndBytes) {
  EXPECT_EQ(formatValue(N()), "<nil>");
  EXPECT_EQ(formatValue(L({I(1), S("a"), N(), M({{"b", I(2)}, {"a", L({S("x"), S("y")})}})})),
            "[1 a <nil> map[a:[x y] b:2]]");
  Value bytes = Value::list({Value::unsignedInteger(104, GoType::Uint8), Value::unsignedInteger(105, GoType::Uint8)},
                            GoType::Bytes);
  EXPECT_EQ(formatValue(bytes), "[104 105]");
  EXPECT_EQ(sprintf("%s|%x|%q", std::vector<Value>{bytes, bytes, bytes}), "hi|6869|\"hi\"");
}

TEST(FormatFloat, StrconvModes) {
  EXPECT_EQ(formatGoFloat(1e6, 'g', -1), "1e+06");
  EXPECT_EQ(formatGoFloat(1234.5678, 'e', 2), "1.23e+03");
  EXPECT_EQ(formatGoFloat(0.000123, 'f', -1), "0.000123");
  EXPECT_EQ(formatGoFloat(1e21, 'f', -1), "1000000000000000000000");
  EXPECT_EQ(formatGoFloat(2.5, 'f', 0), "2");
  EXPECT_EQ(formatGoFloat(1e-7, 'G', -1), "1E-07");
  EXPECT_EQ(formatGoFloat(1e100, 'g', -1), "1e+100");
}

TEST(QuoteGo, KeepsPrintableUnicodeAndEscapesTheRest) {
  EXPECT_EQ(quoteGo("a\tb"), "\"a\\tb\"");
  EXPECT_EQ(quoteGo("\xC3\xA9\x01\xE2\x80\x8B"), "\"\xC3\xA9\\x01\\u200b\"");
  EXPECT_EQ(quoteGo("\xff"), "\"\\xff\"");
  EXPECT_EQ(quoteGo("say \"hi\" \\"), "\"say \\\"hi\\\" \\\\\"");
  EXPECT_EQ(quoteGo("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");
}

}  // namespace
}  // namespace ho::tmpl
