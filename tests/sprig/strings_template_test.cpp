// Sprig string functions: each template was run through Helm 3.17's `helm template`; the
// expected text is exactly what Helm rendered (or its error, minus "Error: ").
#include <gtest/gtest.h>

#include "tests/sprig/strings_render.h"

namespace ho::tmpl::testing {
namespace {

constexpr TemplateCase kCases[] = {
    {R"~({{ upper "héllo wörld ß" }}|{{ lower "HÉLLO" }}|{{ title "hello wörld-x_y z9a" }}|{{ untitle "Hello World  ÉTÉ" }})~",
     R"~(HÉLLO WÖRLD ß|héllo|Hello Wörld-X_y Z9a|hello world  éTÉ)~"},
    {R"~({{ repeat 3 "ab" }}|{{ repeat 0 "x" }}|{{ "x" | repeat 2 }})~",
     R"~(ababab||xx)~"},
    {R"~({{ repeat -1 "x" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <repeat -1 "x">: error calling repeat: strings: negative Repeat count)~"},
    {R"~({{ substr 1 3 "hello" }}|{{ substr -1 2 "hello" }}|{{ substr 2 -1 "hello" }}|{{ substr 2 99 "hello" }}|{{ substr 5 5 "hello" }})~",
     R"~(el|he|llo|llo|)~"},
    {R"~({{ substr 3 1 "hello" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <substr 3 1 "hello">: error calling substr: runtime error: slice bounds out of range [3:1])~"},
    {R"~({{ substr -1 10 "hello" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <substr -1 10 "hello">: error calling substr: runtime error: slice bounds out of range [:10] with length 5)~"},
    {R"~({{ substr -1 -2 "hello" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <substr -1 -2 "hello">: error calling substr: runtime error: slice bounds out of range [:-2])~"},
    {R"~({{ substr 7 -1 "hello" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <substr 7 -1 "hello">: error calling substr: runtime error: slice bounds out of range [7:5])~"},
    {R"~({{ nospace " a b\tc\nd " }}|{{ nospace "a é b" }}|{{ nospace "é" }})~",
     R"~(abcd|aÃ©b|é)~"},
    {R"~({{ trunc 3 "hello" }}|{{ trunc -2 "hello" }}|{{ trunc 10 "hi" }}|{{ trunc -10 "hi" }}|{{ trunc 0 "hi" }})~",
     R"~(hel|lo|hi|hi|)~"},
    {R"~({{ abbrev 5 "hello world" }}|{{ abbrev 3 "hello world" }}|{{ abbrev 20 "hi" }}|{{ abbrevboth 5 10 "1234 5678 9123" }}|{{ abbrevboth 0 6 "abcdefghijkl" }}|{{ abbrevboth 1 6 "abcdefghijkl" }}|{{ abbrevboth 10 10 "abcdefghijklmnopqrstuvwxyz" }})~",
     R"~(he...|hello world|hi|...5678...|abc...|abcdefghijkl|...klmn...)~"},
    {R"~({{ initials "hello big world" }}|{{ initials "  lead  space" }}|{{ initials "émile zola" }})~",
     R"~(hbw|ls|Ãz)~"},
    {R"~({{ wrap 5 "hello world foo bar" }}|{{ wrap 3 "abcdefgh ij" }}|{{ wrapWith 5 "<br>" "hello world" }}|{{ wrapWith 3 "-" "abcdefgh" }}|{{ wrap 0 "a b" }})~",
     R"~(hello
world
foo
bar|abcdefgh
ij|hello<br>world|abc-def-gh|a
b)~"},
    {R"~({{ contains "ell" "hello" }}|{{ contains "z" "hello" }}|{{ hasPrefix "he" "hello" }}|{{ hasSuffix "lo" "hello" }}|{{ hasSuffix "x" "hello" }})~",
     R"~(true|false|true|true|false)~"},
    {R"~({{ quote "a\"b" "c" }}|{{ quote nil 1 "a" 2.5 true (list 1 "x") }}|{{ squote "a'b" 1 nil }}|{{ cat "a" nil 1 2.5 (list 1) (dict "k" "v") }}|{{ quote }}|{{ cat }})~",
     R"~("a\"b" "c"|"1" "a" "2.5" "true" "[1 x]"|'a'b' '1'|a 1 2.5 [1] map[k:v]||)~"},
    {R"~({{ indent 2 "a\nb\n" }}|{{ nindent 3 "x\ny" }}|{{ indent 0 "z" }})~",
     R"~(  a
  b
  |
   x
   y|z)~"},
    {R"~({{ indent -1 "z" }})~",
     R"~(template: t/templates/x.yaml:1:3: executing "t/templates/x.yaml" at <indent -1 "z">: error calling indent: strings: negative Repeat count)~"},
    {R"~({{ replace "a" "b" "banana" }}|{{ replace "" "-" "héy" }}|{{ replace "x" "y" "" }})~",
     R"~(bbnbnb|-h-é-y-|)~"},
    {R"~({{ plural "one" "many" 1 }}|{{ plural "one" "many" 2 }}|{{ plural "one" "many" 0 }})~",
     R"~(one|many|many)~"},
    {R"~({{ snakecase "FirstName" }}|{{ snakecase "HTTPServer2Go" }}|{{ snakecase "abc123def" }}|{{ snakecase "already_snake_case" }}|{{ snakecase "some-kebab case" }}|{{ snakecase "ABC" }}|{{ snakecase "a1B2" }}|{{ snakecase "getHTTPResponse" }}|{{ snakecase "v1.2.3" }}|{{ snakecase "__x__" }}|{{ snakecase "Héllo Wörld" }}|{{ snakecase "foo$bar" }})~",
     R"~(first_name|http_server2_go|abc_123def|already_snake_case|some_kebab_case|abc|a1_b2|get_http_response|v1.2.3|__x__|héllo_wörld|foo_$_bar)~"},
    {R"~({{ camelcase "http_server" }}|{{ camelcase "GOLANG_IS_GREAT" }}|{{ camelcase "foo-bar baz" }}|{{ camelcase "_a" }}|{{ camelcase "x" }}|{{ camelcase "__" }}|{{ camelcase "hello__world" }}|{{ camelcase "aBC" }}|{{ range (list "GOLANG" "fooBar" "FooBAR_baz" "HTTP_server" "a_bC" "ABc" "abC_DeF" "xY" "XY" "X_Y_Z" "hello WORLD" "a-BC" "AB_CD" "aB_CD") }}{{ camelcase . }}|{{ end }})~",
     R"~(HttpServer|GolangIsGreat|FooBarBaz|_A|X|___|Hello_World|ABC|Golang|FooBar|FooBARBaz|HttpServer|ABC|Abc|AbCDeF|XY|Xy|XYZ|HelloWorld|ABc|AbCd|ABCd|)~"},
    {R"~({{ kebabcase "FirstName" }}|{{ kebabcase "HTTPServer" }}|{{ kebabcase "foo_bar" }}|{{ kebabcase "Foo Bar9X" }})~",
     R"~(first-name|http-server|foo-bar|foo-bar9-x)~"},
    {R"~({{ swapcase "Hello World hELLO" }}|{{ swapcase "ÉtÉ x" }}|{{ swapcase "a1b" }})~",
     R"~(hELLO wORLD Hello|éTé X|A1B)~"},
    {R"~({{ trim "  x y \n\t" }}|{{ trim "\u00a0x\u2003" }}|{{ trimAll "$-" "$-$x$-" }}|{{ trimAll "é" "ééxé" }}|{{ trimPrefix "ab" "abcab" }}|{{ trimSuffix "ab" "abcab" }}|{{ trimall "x" "xyx" }})~",
     R"~(x y|x|x|x|cab|abc|y)~"},
    {R"~({{ split "," "a,b,,c" }}|{{ split "" "héy" }}|{{ split "," "" }}|{{ splitn "," 2 "a,b,c" }}|{{ splitn "," 0 "a,b" }}|{{ splitn "," -1 "a,b" }}|{{ (split "/" "x/y")._1 }})~",
     R"~(map[_0:a _1:b _2: _3:c]|map[_0:h _1:é _2:y]|map[_0:]|map[_0:a _1:b,c]|map[]|map[_0:a _1:b]|y)~"},
    {R"~({{ splitList "," "a,b,,c" }}|{{ splitList "" "abc" }}|{{ splitList "," "" }}|{{ len (splitList "," "") }}|{{ len (splitList "" "") }})~",
     R"~([a b  c]|[a b c]|[]|1|0)~"},
    {R"~({{ join "-" (list "a" 1 nil true) }}|{{ join "," (splitList "," "x,y") }}|{{ join "," "ab" }}|{{ join "," nil }}|{{ join "," 5 }})~",
     R"~(a-1-true|x,y|ab||5)~"},
    {R"~({{ sortAlpha (list "b" "C" "a" 10 2 nil) }}|{{ sortAlpha nil }}|{{ sortAlpha "x" }}|{{ sortAlpha (dict "b" 1 "a" 2) }})~",
     R"~([10 2 C a b]|[<nil>]|[x]|[map[a:2 b:1]])~"},
    {R"~({{ len (randAlphaNum 10) }}|{{ len (randAlpha 7) }}|{{ len (randNumeric 4) }}|{{ len (randAscii 5) }}|{{ randAlpha 0 }}|{{ randAlpha -1 }}|{{ len (shuffle "héllo") }}|{{ len uuidv4 }})~",
     R"~(10|7|4|5|||6|36)~"},
    {R"~({{ upper 5 }})~",
     R"~(template: t/templates/x.yaml:1:9: executing "t/templates/x.yaml" at <5>: expected string; found 5)~"},
    {R"~({{ indent "2" "x" }})~",
     R"~(template: t/templates/x.yaml:1:10: executing "t/templates/x.yaml" at <"2">: expected integer; found "2")~"},
    {R"~({{ contains "a" nil }})~",
     R"~(template: t/templates/x.yaml:1:16: executing "t/templates/x.yaml" at <nil>: cannot assign nil to string)~"},
    {R"~({{ trunc 2.5 "x" }})~",
     R"~(template: t/templates/x.yaml:1:9: executing "t/templates/x.yaml" at <2.5>: expected integer; found 2.5)~"},
};

TEST(StringsTemplate, RendersLikeHelm) {
  for (const TemplateCase& c : kCases) {
    EXPECT_EQ(renderTemplate(c.text), c.helmOutput) << c.text;
  }
}

}  // namespace
}  // namespace ho::tmpl::testing
