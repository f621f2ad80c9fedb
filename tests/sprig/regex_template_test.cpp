// Sprig regex functions: each template was run through Helm 3.17's `helm template`; the
// expected text is exactly what Helm rendered (or its error, minus "Error: ").
#include <gtest/gtest.h>

#include "tests/sprig/strings_render.h"

namespace ho::tmpl::testing {
namespace {

constexpr TemplateCase kCases[] = {
    {R"~({{ regexMatch "^[a-z]+\\d$" "abc1" }}|{{ regexMatch "(" "x" }}|{{ regexMatch "b" "abc" }}|{{ regexMatch "^b" "abc" }})~",
     R"~(true|false|true|false)~"},
    {R"~({{ mustRegexMatch "x{2,1}" "x" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <mustRegexMatch "x{2,1}" "x">: error calling mustRegexMatch: error parsing regexp: invalid repeat count: `{2,1}`)~"},
    {R"~({{ regexFind "[0-9]+" "ab123cd45" }}|{{ regexFind "z" "abc" }}|{{ regexFind "(?i)ABC" "xabcx" }}|{{ regexFind "(?<y>\\d{4})" "in 2024!" }})~",
     R"~(123||abc|2024)~"},
    {R"~({{ regexFindAll "[0-9]+" "a1b22c333" -1 }}|{{ regexFindAll "[0-9]+" "a1b22c333" 2 }}|{{ regexFindAll "x*" "axxb" -1 }}|{{ regexFindAll "" "héy" -1 }}|{{ regexFindAll "z" "abc" -1 }}|{{ regexFindAll "a" "aaa" 0 }})~",
     R"~([1 22 333]|[1 22]|[ xx ]|[   ]|[]|[])~"},
    {R"~({{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}|{{ regexReplaceAll "(?P<first>\\w+) (?P<last>\\w+)" "John Smith" "$last, $first" }}|{{ regexReplaceAll "x*" "abc" "-" }}|{{ regexReplaceAll "a" "banana" "$$" }}|{{ regexReplaceAll "(a)" "banana" "$2[$1]" }}|{{ regexReplaceAll "a" "aaa" "$" }}|{{ regexReplaceAll "a" "a" "${1" }})~",
     R"~(-W-xxW-|---|Smith, John|-a-b-c-|b$n$n$|b[a]n[a]n[a]|$$$|${1)~"},
    {R"~({{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}|{{ regexReplaceAllLiteral "" "ab" "-" }})~",
     R"~(-${1}-${1}-|-a-b-)~"},
    {R"~({{ regexSplit "[,;]" "a,b;c" -1 }}|{{ regexSplit "[,;]" "a,b;c" 2 }}|{{ regexSplit "x*" "axxbc" -1 }}|{{ regexSplit "," "" -1 }}|{{ regexSplit "" "abc" -1 }}|{{ regexSplit "," "a," -1 }}|{{ regexSplit "a" "abc" 0 }}|{{ len (regexSplit "," "" -1) }})~",
     R"~([a b c]|[a b;c]|[a b c]|[]|[a b c]|[a ]|[]|1)~"},
    {R"~({{ regexQuoteMeta "a.b*c[d]{e}(f)|g^h$i\\j+k?" }})~",
     R"~(a\.b\*c\[d\]\{e\}\(f\)\|g\^h\$i\\j\+k\?)~"},
    {R"~({{ regexFind "(" "x" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <regexFind "(" "x">: error calling regexFind: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`)~"},
    {R"~({{ mustRegexFind "a)" "x" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <mustRegexFind "a)" "x">: error calling mustRegexFind: error parsing regexp: unexpected ): `a)`)~"},
    {R"~({{ regexFindAll "a**" "x" -1 }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <regexFindAll "a**" "x" -1>: error calling regexFindAll: regexp: Compile(`a**`): error parsing regexp: invalid nested repetition operator: `**`)~"},
    {R"~({{ mustRegexFindAll "[z-a]" "x" -1 }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <mustRegexFindAll "[z-a]" "x" -1>: error calling mustRegexFindAll: error parsing regexp: invalid character class range: `z-a`)~"},
    {R"~({{ regexReplaceAll "\\8" "x" "y" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <regexReplaceAll "\\8" "x" "y">: error calling regexReplaceAll: regexp: Compile(`\8`): error parsing regexp: invalid escape sequence: `\8`)~"},
    {R"~({{ mustRegexReplaceAll "(?P<n" "x" "y" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <mustRegexReplaceAll "(?P<n" "x" "y">: error calling mustRegexReplaceAll: error parsing regexp: invalid named capture: `(?P<n`)~"},
    {R"~({{ regexReplaceAllLiteral "x{1001}" "x" "y" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <regexReplaceAllLiteral "x{1001}" "x" "y">: error calling regexReplaceAllLiteral: regexp: Compile(`x{1001}`): error parsing regexp: invalid repeat count: `{1001}`)~"},
    {R"~({{ mustRegexReplaceAllLiteral "*" "x" "y" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <mustRegexReplaceAllLiteral "*" "x" "y">: error calling mustRegexReplaceAllLiteral: error parsing regexp: missing argument to repetition operator: `*`)~"},
    {R"~({{ regexSplit "[[:foo:]]" "x" -1 }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <regexSplit "[[:foo:]]" "x" -1>: error calling regexSplit: regexp: Compile(`[[:foo:]]`): error parsing regexp: invalid character class range: `[:foo:]`)~"},
    {R"~({{ mustRegexSplit "\\" "x" -1 }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <mustRegexSplit "\\" "x" -1>: error calling mustRegexSplit: error parsing regexp: trailing backslash at end of expression: ``)~"},
    {R"~({{ regexFind "\\C" "x" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <regexFind "\\C" "x">: error calling regexFind: regexp: Compile(`\C`): error parsing regexp: invalid escape sequence: `\C`)~"},
    {R"~({{ regexFind "(?=a)" "x" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <regexFind "(?=a)" "x">: error calling regexFind: regexp: Compile(`(?=a)`): error parsing regexp: invalid or unsupported Perl syntax: `(?=`)~"},
    {R"~({{ regexFind "`" "x" }}|{{ regexFind "(?P<n>a)(?P<n>b)" "ab" }}|{{ regexFind "[]a]" "]" }}|{{ regexFind "[^]a]" "]b" }}|{{ regexFind "\\Q(?<\\E" "x(?<" }})~",
     R"~(|ab|]|b|(?<)~"},
    {R"~({{ regexFind "(`" "x" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <regexFind "(`" "x">: error calling regexFind: regexp: Compile("(`"): error parsing regexp: missing closing ): `(``)~"},
};

TEST(RegexTemplate, RendersLikeHelm) {
  for (const TemplateCase& c : kCases) {
    EXPECT_EQ(renderTemplate(c.text), c.helmOutput) << c.text;
  }
}

// Compiled patterns are kept per process: a pattern used again (and an
// error met again) behaves exactly as the first time, also after more distinct
// patterns than the cache keeps have gone through it.
TEST(RegexTemplate, RepeatedPatternsBehaveLikeTheFirstUse) {
  const std::string once = R"~({{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexMatch "(" "x" }})~";
  const std::string expected = "-W-xxW-|false";
  EXPECT_EQ(renderTemplate(once + once), expected + expected);
  EXPECT_EQ(renderTemplate(R"~({{ range until 1200 }}{{ regexMatch (printf "^a{%d}$" .) "aa" | ternary "y" "" }}{{ end }})~"),
            "y");
  EXPECT_EQ(renderTemplate(once), expected);
  const std::string failing = R"~({{ mustRegexFind "a)" "x" }})~";
  EXPECT_EQ(renderTemplate(failing), renderTemplate(failing));
}

}  // namespace
}  // namespace ho::tmpl::testing
