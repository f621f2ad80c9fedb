// Sprig conversion functions: each template was run through Helm 3.17's `helm template`; the
// expected text is exactly what Helm rendered (or its error, minus "Error: ").
#include <gtest/gtest.h>

#include "tests/sprig/strings_render.h"

namespace ho::tmpl::testing {
namespace {

constexpr TemplateCase kCases[] = {
    {R"~({{ atoi "42" }}|{{ atoi "-7" }}|{{ atoi "+5" }}|{{ atoi "x" }}|{{ atoi "1_0" }}|{{ atoi "99999999999999999999" }}|{{ atoi "-99999999999999999999" }}|{{ atoi " 1" }}|{{ atoi "0x10" }})~",
     R"~(42|-7|5|0|0|9223372036854775807|-9223372036854775808|0|0)~"},
    {R"~({{ int "0x1F" }}|{{ int "010" }}|{{ int "12.00" }}|{{ int "12.5" }}|{{ int 3.9 }}|{{ int true }}|{{ int nil }}|{{ int (list 1) }}|{{ int "1e3" }}|{{ typeOf (int "1") }})~",
     R"~(31|8|12|0|3|1|0|0|0|int)~"},
    {R"~({{ int64 "0b101" }}|{{ int64 -3.99 }}|{{ int64 1e20 }}|{{ typeOf (int64 1) }}|{{ int64 "9223372036854775808" }})~",
     R"~(5|-3|-9223372036854775808|int64|0)~"},
    {R"~({{ float64 "1.5" }}|{{ float64 "1e3" }}|{{ float64 "x" }}|{{ float64 3 }}|{{ float64 "0x1p-2" }}|{{ float64 "inf" }}|{{ float64 true }}|{{ typeOf (float64 1) }}|{{ float64 "1_000.5" }}|{{ float64 nil }})~",
     R"~(1.5|1000|0|3|0.25|+Inf|1|float64|1000.5|0)~"},
    {R"~({{ toDecimal "777" }}|{{ toDecimal 777 }}|{{ toDecimal "8" }}|{{ toDecimal "-10" }}|{{ toDecimal 7.0 }}|{{ toDecimal true }}|{{ typeOf (toDecimal "1") }})~",
     R"~(511|511|0|-8|7|0|int64)~"},
    {R"~({{ toString 5 }}|{{ toString 1e6 }}|{{ toString nil }}|{{ toString (list 1 "a") }}|{{ toString true }}|{{ typeOf (toString 1) }})~",
     R"~(5|1e+06|<nil>|[1 a]|true|string)~"},
    {R"~({{ toStrings (list 1 "a" nil 2.5) }}|{{ toStrings "x" }}|{{ toStrings nil }}|{{ typeOf (toStrings (list)) }}|{{ len (toStrings (list nil nil)) }})~",
     R"~([1 a 2.5]|[x]|[]|[]string|0)~"},
    {R"~({{ atoi 5 }})~",
     R"~(template: t/templates/x.yaml:1:8: executing "t/templates/x.yaml" at <5>: expected string; found 5)~"},
};

TEST(ConversionTemplate, RendersLikeHelm) {
  for (const TemplateCase& c : kCases) {
    EXPECT_EQ(renderTemplate(c.text), c.helmOutput) << c.text;
  }
}

}  // namespace
}  // namespace ho::tmpl::testing
