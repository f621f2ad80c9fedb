// Sprig reflection and default functions: each template was run through Helm 3.17's `helm template`; the
// expected text is exactly what Helm rendered (or its error, minus "Error: ").
#include <gtest/gtest.h>

#include "tests/sprig/strings_render.h"

namespace ho::tmpl::testing {
namespace {

constexpr TemplateCase kCases[] = {
    {R"~({{ typeOf 1 }}|{{ typeOf 1.5 }}|{{ typeOf "s" }}|{{ typeOf nil }}|{{ typeOf (list) }}|{{ typeOf (dict) }}|{{ typeOf true }}|{{ typeOf (splitList "," "a") }}|{{ typeOf (split "," "a") }})~",
     R"~(int|float64|string|<nil>|[]interface {}|map[string]interface {}|bool|[]string|map[string]string)~"},
    {R"~({{ kindOf 1 }}|{{ kindOf 1.5 }}|{{ kindOf "s" }}|{{ kindOf nil }}|{{ kindOf (list) }}|{{ kindOf (dict) }}|{{ kindOf true }}|{{ kindOf (split "," "a") }})~",
     R"~(int|float64|string|invalid|slice|map|bool|map)~"},
    {R"~({{ typeIs "int" 1 }}|{{ typeIs "string" 1 }}|{{ typeIsLike "int" 1 }}|{{ kindIs "slice" (list) }}|{{ kindIs "map" (list) }}|{{ kindIs "invalid" nil }}|{{ typeIs "<nil>" nil }})~",
     R"~(true|false|true|true|false|true|true)~"},
    {R"~({{ deepEqual (list 1 2) (list 1 2) }}|{{ deepEqual 1 1.0 }}|{{ deepEqual (dict "a" 1) (dict "a" 1) }}|{{ deepEqual nil nil }}|{{ deepEqual "a" "b" }})~",
     R"~(true|false|true|true|false)~"},
    {R"~({{ default "d" "" }}|{{ default "d" "x" }}|{{ default "d" 0 }}|{{ default "d" nil }}|{{ default "d" (list) }}|{{ default "d" false }}|{{ default "d" 0.0 }}|{{ default "d" }}|{{ default "d" (dict "a" 1) }})~",
     R"~(d|x|d|d|d|d|d|d|map[a:1])~"},
    {R"~({{ empty "" }}|{{ empty 0 }}|{{ empty 1 }}|{{ empty nil }}|{{ empty (list) }}|{{ empty (list 0) }}|{{ empty false }}|{{ empty (dict) }}|{{ empty 0.0 }})~",
     R"~(true|true|false|true|true|false|true|true|true)~"},
    {R"~({{ coalesce nil "" 0 "x" 1 }}|{{ coalesce nil "" }}|{{ coalesce }}|{{ all 1 "a" true }}|{{ all 1 "" }}|{{ all }}|{{ any 0 "" nil }}|{{ any 0 "x" }}|{{ any }})~",
     R"~(x|<no value>|<no value>|true|false|true|false|true|false)~"},
    {R"~({{ ternary "yes" "no" true }}|{{ ternary "yes" "no" false }}|{{ ternary 1 (list 2) false }})~",
     R"~(yes|no|[2])~"},
    {R"~({{ ternary "a" "b" "true" }})~",
     R"~(template: t/templates/x.yaml:1:19: executing "t/templates/x.yaml" at <"true">: expected bool; found "true")~"},
};

TEST(ReflectionTemplate, RendersLikeHelm) {
  for (const TemplateCase& c : kCases) {
    EXPECT_EQ(renderTemplate(c.text), c.helmOutput) << c.text;
  }
}

}  // namespace
}  // namespace ho::tmpl::testing
