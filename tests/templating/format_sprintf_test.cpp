// fmt.Sprintf over Values: every expected string below is what Helm 3.17's
// `printf` printed for the same format and arguments.
#include <gtest/gtest.h>

#include <limits>

#include "templating/go_format.h"
#include "tests/templating/format_values.h"

namespace ho::tmpl {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

std::string Sprintf(std::string_view format, std::vector<Value> args) { return sprintf(format, args); }

TEST(Sprintf, MixedVerbsFromTheBrief) {
  EXPECT_EQ(Sprintf("%5.2f|%x|%q", {F(3.14159), S("hi"), S("a\tb")}), " 3.14|6869|\"a\\tb\"");
}

TEST(Sprintf, IntegerVerbsAndFlags) {
  EXPECT_EQ(Sprintf("%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%o|%O|%b|%#x|%#o|%#b",
                    {I(42), I(42), I(42), I(-42), I(42), I(42), I(255), I(255), I(8), I(8), I(5), I(255), I(8), I(5)}),
            "42|   42|42   |-0042|+42| 42|ff|FF|10|0o10|101|0xff|010|0b101");
  EXPECT_EQ(Sprintf("%.3d|%8.3d|%.0d|%5.0d|%c|%q|%U|%#U",
                    {I(7), I(7), I(0), I(0), I(65), I(66), I(0x1F600), I(0x1F600)}),
            "007|     007||     |A|'B'|U+1F600|U+1F600 '\xF0\x9F\x98\x80'");
  EXPECT_EQ(Sprintf("%08.3f|%-08.3f|%+08d|%-+8d|% 08d", {F(-3.14159), F(3.14159), I(42), I(42), I(42)}),
            "-003.142|3.142   |+0000042|+42     | 0000042");
  EXPECT_EQ(Sprintf("%b|%b", {F(1.0), I(-8)}), "4503599627370496p-52|-1000");
}

TEST(Sprintf, RuneVerbsClampInvalidCodePoints) {
  EXPECT_EQ(Sprintf("%c|%c|%q|%q|%U", {I(0x110000), I(-1), I(0x7f), I(10), I(-1)}),
            "\xEF\xBF\xBD|\xEF\xBF\xBD|'\\x7f'|'\\n'|U+FFFFFFFFFFFFFFFF");
  EXPECT_EQ(Sprintf("%3c|%-3c|%05c", {I(65), I(66), I(67)}), "  A|B  |0000C");
}

TEST(Sprintf, FloatVerbs) {
  EXPECT_EQ(Sprintf("%e|%E|%.2e|%f|%.0f|%F|%g|%G|%.3g|%10.3f|%-10.3f|%+.1f|%010.3f|% f",
                    {F(1234.5678), F(1234.5678), F(1234.5678), F(1234.5678), F(2.5), F(1.5), F(1234.5678),
                     F(1e-7), F(1234.5678), F(3.14159), F(3.14159), F(2.0), F(-3.14159), F(1.0)}),
            "1.234568e+03|1.234568E+03|1.23e+03|1234.567800|2|1.500000|1234.5678|1E-07|1.23e+03|     3.142|"
            "3.142     |+2.0|-00003.142| 1.000000");
  EXPECT_EQ(Sprintf("%#g|%#.3g|%#e|%#f|%#.0f|%#v", {F(1.0), F(1.0), F(1.0), F(1.0), F(3.0), F(1.5)}),
            "1.00000|1.00|1.000000e+00|1.000000|3.|1.5");
  EXPECT_EQ(Sprintf("%e|%g|%.0e|%.1g|%g|%g", {F(0.0), F(0.0), F(5.5), F(0.15), F(1e100), F(5e-324)}),
            "0.000000e+00|0|6e+00|0.1|1e+100|5e-324");
  EXPECT_EQ(Sprintf("%x|%X|%x|%.3x|%08.3x", {F(3.5), F(-1.0), F(0.0), F(1.0), F(1.0)}),
            "0x1.cp+01|-0X1P+00|0x0p+00|0x1.000p+00|0x1.000p+00");
  EXPECT_EQ(Sprintf("%6.2v|%6v|%-6v|%06v", {F(3.14159), L({I(1), I(2)}), S("ab"), S("ab")}),
            "   3.1|[     1      2]|ab    |0000ab");
}

TEST(Sprintf, InfinitiesAndNaN) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(Sprintf("%v|%.2f|%5.1f|%e", {F(inf), F(-inf), F(nan), F(inf)}), "+Inf|-Inf|  NaN|+Inf");
  EXPECT_EQ(Sprintf("%+v|%+.2f|% v|%+d|%+v", {F(nan), F(inf), F(nan), I(0), S("str")}), "NaN|+Inf| NaN|+0|str");
}

TEST(Sprintf, ContainersAndBools) {
  EXPECT_EQ(Sprintf("%s|%v|%d|%s|%v", {L({S("a"), S("b")}), L({I(1), S("a"), N()}), L({I(1), I(2)}),
                                       M({{"a", I(1)}, {"b", L({S("x"), S("y")})}}), M({})}),
            "[a b]|[1 a <nil>]|[1 2]|map[a:%!s(int=1) b:[x y]]|map[]");
  EXPECT_EQ(Sprintf("%t|%v|%s|%d|%5t", {B(true), B(false), B(true), B(true), B(true)}),
            "true|false|%!s(bool=true)|%!d(bool=true)| true");
}

TEST(Sprintf, StringVerbs) {
  EXPECT_EQ(Sprintf("%x|%X|% x|%#x|%q|%#q|%+q|%.2s|%.1q|%-8q|",
                    {S("h\xC3\xA9llo"), S("hi"), S("ab"), S("ab"), S("\xC3\xA9\x01\xE2\x80\x8B"), S("back"),
                     S("\xC3\xA9"), S("h\xC3\xA9llo"), S("h\xC3\xA9llo"), S("a")}),
            "68c3a96c6c6f|6869|61 62|0x6162|\"\xC3\xA9\\x01\\u200b\"|`back`|\"\\u00e9\"|h\xC3\xA9|\"h\"|\"a\"     |");
  EXPECT_EQ(Sprintf("%q|%q", {S("\xff"), S("\xF0\x9F\x98\x80")}), "\"\\xff\"|\"\xF0\x9F\x98\x80\"");
  EXPECT_EQ(Sprintf("%10.4v|%-10v|", {S("abcdefgh"), N()}), "      abcd|<nil>     |");
}

TEST(Sprintf, WrongTypeErrorForms) {
  EXPECT_EQ(Sprintf("%d|%s|%s|%5d", {S("foo"), I(5), N(), S("x")}), "%!d(string=foo)|%!s(int=5)|%!s(<nil>)|%!d(string=    x)");
  EXPECT_EQ(Sprintf("%s|%d|%q|%x|%v", {N(), N(), N(), N(), N()}), "%!s(<nil>)|%!d(<nil>)|%!q(<nil>)|%!x(<nil>)|<nil>");
  EXPECT_EQ(Sprintf("%s|%s|%.3s", {F(3.14), I(5), F(3.14159)}), "%!s(float64=3.14)|%!s(int=5)|%!s(float64=3.14)");
}

TEST(Sprintf, MissingExtraAndNoVerb) {
  EXPECT_EQ(Sprintf("%s %s", {S("a")}), "a %!s(MISSING)");
  EXPECT_EQ(Sprintf("%s", {S("a"), S("b"), I(3), N()}), "a%!(EXTRA string=b, int=3, <nil>)");
  EXPECT_EQ(Sprintf("abc%", {}), "abc%!(NOVERB)");
  EXPECT_EQ(Sprintf("%5%|%-5%", {}), "%|%");
}

TEST(Sprintf, ArgumentIndexesAndStarArguments) {
  std::vector<Value> args;
  for (int i = 1; i <= 10; ++i) args.push_back(I(i));
  EXPECT_EQ(Sprintf("%!|%z|%[2]s %[1]s|%[3]s|%[0]d|%[1]*d|%*d|%-*d|%.*f", args),
            "%!!(int=1)|%!z(int=2)|%!s(int=2) %!s(int=1)|%!s(int=3)|%!d(BADINDEX)|2|  4|6    |%!f(int=0000008)");
  EXPECT_EQ(Sprintf("%[2]d %d %d", {I(1), I(2), I(3)}), "2 3 %!d(MISSING)");
  EXPECT_EQ(Sprintf("%d %d %[1]d %d", {I(1), I(2)}), "1 2 1 2");
  EXPECT_EQ(Sprintf("%*d|%.*d|%*s", {S("x"), I(5), I(1), I(2), I(-3), S("ab")}), "%!(BADWIDTH)5|2|ab ");
}

TEST(Sprintf, TypeVerb) {
  EXPECT_EQ(Sprintf("%v %T %T %T %T %T", {I(97), I(1), F(1.5), S("s"), L({}), M({})}),
            "97 int float64 string []interface {} map[string]interface {}");
}

}  // namespace
}  // namespace ho::tmpl
