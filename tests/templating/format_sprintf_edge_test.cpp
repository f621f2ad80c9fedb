// More fmt.Sprintf corners: flags inside containers, rounding, %g's exponent
// switch, malformed directives. Expected strings are Helm 3.17's printf output.
#include <gtest/gtest.h>

#include "templating/go_format.h"
#include "tests/templating/format_values.h"

namespace ho::tmpl {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using namespace std::string_literals;

std::string Sprintf(std::string_view format, std::vector<Value> args) { return sprintf(format, args); }

TEST(SprintfEdge, VerbsApplyToEachContainerElement) {
  EXPECT_EQ(Sprintf("%d|%x|%X|%q", {L({S("a"), I(1), N()}), L({S("hi"), I(255)}), L({S("hi"), I(255)}), L({S("a"), I(1)})}),
            "[%!d(string=a) 1 <nil>]|[6869 ff]|[6869 FF]|[\"a\" '\\x01']");
  EXPECT_EQ(Sprintf("%5s|%-4v|%v|%s|%v|%d",
                    {L({S("a"), S("b")}), M({{"k", S("v")}}), M({{"a", N()}, {"b", M({{"c", L({})}})}}),
                     M({{"a", F(1.5)}}), L({L({})}), B(true)}),
            "[    a     b]|map[k   :v   ]|map[a:<nil> b:map[c:[]]]|map[a:%!s(float64=1.5)]|[[]]|%!d(bool=true)");
  EXPECT_EQ(Sprintf("%s %v", {L({N()}), M({{"x", L({N(), I(1)})}})}), "[<nil>] map[x:[<nil> 1]]");
}

TEST(SprintfEdge, QuotingAndPrecision) {
  EXPECT_EQ(Sprintf("%08.3v|%+q|%#q|%#q|%.2v",
                    {F(-1.5), S("h\xC3\xA9llo\x00"s), S("a\tb"), S("a`b"), S("h\xC3\xA9llo")}),
            "-00001.5|\"h\\u00e9llo\\x00\"|`a\tb`|\"a`b\"|h\xC3\xA9");
  EXPECT_EQ(Sprintf("%3.1s|%-3.1s|%q|%v", {S("xyz"), S("xyz"), S("\xE2\x80\xA8"), S("\xC2\xAD")}),
            "  x|x  |\"\\u2028\"|\xC2\xAD");
  EXPECT_EQ(Sprintf("%.f|%.d|%.s|%.x", {F(1.5), I(7), S("abc"), S("abc")}), "2|7||");
}

TEST(SprintfEdge, IntegerSignsAndPrefixes) {
  EXPECT_EQ(Sprintf("%x|%#X|% x|%6.2f%%|%+x|%#o|%O", {I(-255), I(-255), I(255), F(12.345), I(255), I(0), I(-8)}),
            "-ff|-0XFF| ff| 12.35%|+ff|0|-0o10");
  EXPECT_EQ(Sprintf("%-010d|%-+5d|%+-5d|% -5d|%0-5d", {I(1), I(2), I(3), I(4), I(5)}),
            "1         |+2   |+3   | 4   |5    ");
}

TEST(SprintfEdge, FloatRoundingAndExponents) {
  EXPECT_EQ(Sprintf("%e|%g|%G|%.10g|%.3e|%v|%v|%v|%v|%v",
                    {F(1e-300), F(1e-300), F(1e300), F(0.3333333333333333), F(5e-324), F(1e20), F(123456.0),
                     F(0.000012345), F(100.0), F(12345678.0)}),
            "1.000000e-300|1e-300|1E+300|0.3333333333|4.941e-324|1e+20|123456|1.2345e-05|100|1.2345678e+07");
  EXPECT_EQ(Sprintf("%.0f|%.0f|%.0f|%.1f|%.2f|%5.1f|%-8.3e|%+g|%.3g|%.3g",
                    {F(0.5), F(1.5), F(2.5), F(0.25), F(1.005), F(-0.05), F(123.456), F(0.0), F(100.0), F(1e-5)}),
            "0|2|2|0.2|1.00| -0.1|1.235e+02|+0|100|1e-05");
  EXPECT_EQ(Sprintf("%g|%g|%g|%g|%v|%v", {F(1e5), F(1e6), F(1e-4), F(1e-5), F(0.1), F(1e-7)}),
            "100000|1e+06|0.0001|1e-05|0.1|1e-07");
}

TEST(SprintfEdge, MalformedDirectives) {
  EXPECT_EQ(Sprintf("%[2]*[1]d|%[3]d %d|%[5]d", {I(12), I(5), I(1), I(2)}), "   12|1 2|%!d(BADINDEX)");
  EXPECT_EQ(Sprintf("%w|%p|%!", {S("x"), S("y")}), "%!w(string=x)|%!p(string=y)|%!!(MISSING)");
  EXPECT_EQ(Sprintf("%\xC3\xA9", {I(1)}), "%!\xC3\xA9(int=1)");
  EXPECT_EQ(Sprintf("%[1]", {I(1)}), "%!(NOVERB)");
  EXPECT_EQ(Sprintf("%[x]d %d", {I(1), I(2)}), "%!d(BADINDEX) 1");
  EXPECT_EQ(Sprintf("%.[2]d", {I(1), I(2)}), "2");
  EXPECT_EQ(Sprintf("%[2]5d", {I(1), I(2)}), "%!d(BADINDEX)");
}

}  // namespace
}  // namespace ho::tmpl
