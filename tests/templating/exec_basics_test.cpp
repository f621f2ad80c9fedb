// Executor tests for printing, fields, variables and control flow; expected
// outputs are what Go's text/template (as run by Helm 3.17) prints.
#include <gtest/gtest.h>

#include "template_test_support.h"

namespace ho::tmpl {
namespace {

using namespace testing;

Value values() {
  return map({{"s", str("str")},
              {"n", Value()},
              {"f", num(1.5)},
              {"i", num(3)},
              {"l", list({num(1), Value()})},
              {"strs", Value::list({str("a"), str("b")}, GoType::StringList)},
              {"m", map({{"b", num(2)}, {"a", num(1)}})},
              {"empty", map({})}});
}

TEST(Exec_Print, LiteralsPrintAsGoFormatsThem) {
  EXPECT_EQ(out("{{ 1 }} {{ 1.5 }} {{ 1e3 }} {{ 0x10 }} {{ 'a' }} {{ true }} {{ \"s\" }} {{ `r` }}"),
            "1 1.5 1000 16 97 true s r");
  EXPECT_EQ(out("{{ 0x1p-2 }} {{ 1_000 }} {{ 0b101 }} {{ 0o17 }} {{ 017 }} {{ -0 }} {{ +5 }} {{ .5 }}"),
            "0.25 1000 5 15 15 0 5 0.5");
  EXPECT_EQ(out("{{ -9223372036854775808 }}"), "-9223372036854775808");
}

TEST(Exec_Print, MissingValuesPrintNoValue) {
  EXPECT_EQ(out("{{ .missing }}|{{ .n }}|{{ . }}", values()), "<no value>|<no value>|" + out("{{ printf \"%v\" . }}", values()));
  EXPECT_EQ(out("{{ .x }}"), "<no value>");
  EXPECT_EQ(out("{{ .missing }}", values(), MissingKey::Zero), "<no value>");
}

TEST(Exec_Print, TextAndTrimMarkers) {
  EXPECT_EQ(out("a  {{- 1 -}}  b|{{-1}}|{{- /* c */ -}} x |{{/* c */}}"), "a1b|-1|x |");
  EXPECT_EQ(out("line1\n{{- \"x\" }}\n  {{- \"y\" -}}\n\nz"), "line1xyz");
}

TEST(Exec_Fields, MapKeysNestedAndChained) {
  Value data = values();
  EXPECT_EQ(out("{{ .s }} {{ .m.a }} {{ $.m.b }} {{ (.m).a }}", data), "str 1 2 1");
  EXPECT_EQ(out("{{ $x := dict \"a\" (dict \"b\" 5) }}{{ $x.a.b }}|{{ (index $x \"a\").b }}"), "5|5");
}

TEST(Exec_Fields, ErrorsNameTheNodeAndPosition) {
  Value data = values();
  EXPECT_EQ(err("{{ .s.x }}", data), "template: t:1:5: executing \"t\" at <.s.x>: can't evaluate field x in type interface {}");
  EXPECT_EQ(err("{{ $.s.x }}", data), "template: t:1:4: executing \"t\" at <$.s.x>: can't evaluate field x in type interface {}");
  EXPECT_EQ(err("{{ .n.x }}", data), "template: t:1:5: executing \"t\" at <.n.x>: nil pointer evaluating interface {}.x");
  EXPECT_EQ(err("{{ .s 1 }}", data), "template: t:1:3: executing \"t\" at <.s>: s is not a method but has arguments");
  EXPECT_EQ(err("{{ (1).x }}"), "template: t:1:4: executing \"t\" at <1>: can't evaluate field x in type int");
  EXPECT_EQ(err("{{ (list 1 2).x }}"), "template: t:1:11: executing \"t\" at <2>: can't evaluate field x in type []interface {}");
  EXPECT_EQ(err("{{ with \"s\" }}{{ .x }}{{ end }}"), "template: t:1:17: executing \"t\" at <.x>: can't evaluate field x in type string");
}

TEST(Exec_Fields, MissingKeyModes) {
  Value data = values();
  // Go's default: missing keys are "no value", and fields of nothing are nothing.
  EXPECT_EQ(out("{{ .a.b }}", data), "<no value>");
  // missingkey=zero (Helm): a nil interface{}, which has no fields.
  EXPECT_EQ(err("{{ .a.b }}", data, MissingKey::Zero),
            "template: t:1:5: executing \"t\" at <.a.b>: nil pointer evaluating interface {}.b");
  EXPECT_EQ(err("{{ .a }}", data, MissingKey::Error),
            "template: t:1:3: executing \"t\" at <.a>: map has no entry for key \"a\"");
  EXPECT_EQ(out("{{ .n }}", data, MissingKey::Error), "<no value>");
  EXPECT_EQ(err("{{ .x }}", Value(), MissingKey::Error),
            "template: t:1:3: executing \"t\" at <.x>: nil data; no entry for key \"x\"");
}

TEST(Exec_Variables, DeclareAssignAndScope) {
  EXPECT_EQ(out("{{ $x := 1 }}{{ $x = 2 }}{{ $x }}"), "2");
  EXPECT_EQ(out("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}"), "21");
  EXPECT_EQ(out("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}"), "2");
  EXPECT_EQ(out("{{ if $x := 1 }}{{ $x }}{{ else }}{{ $x }}{{ end }}"), "1");
  EXPECT_EQ(out("{{ with $x := 0 }}{{ else }}{{ $x }}{{ end }}"), "0");
  EXPECT_EQ(out("{{ $ }}", str("top")), "top");
}

TEST(Exec_Control, IfElseChains) {
  EXPECT_EQ(out("{{ if 0 }}a{{ else if \"\" }}b{{ else if list 1 }}c{{ else }}d{{ end }}"), "c");
  EXPECT_EQ(out("{{ if .empty }}a{{ else }}b{{ end }}", values()), "b");
  EXPECT_EQ(out("{{ with 0 }}a{{ else with 2 }}{{ . }}{{ end }}"), "2");
  EXPECT_EQ(out("{{ with .m }}{{ .a }}{{ end }}", values()), "1");
}

TEST(Exec_Control, RangeOverListsMapsAndNothing) {
  Value data = values();
  EXPECT_EQ(out("{{ range .strs }}[{{ . }}]{{ end }}", data), "[a][b]");
  EXPECT_EQ(out("{{ range $i, $v := .strs }}{{ $i }}={{ $v }};{{ end }}", data), "0=a;1=b;");
  EXPECT_EQ(out("{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}", data), "a=1;b=2;");
  EXPECT_EQ(out("{{ range $v := .m }}{{ $v }}{{ end }}", data), "12");
  EXPECT_EQ(out("{{ range .empty }}x{{ else }}empty{{ end }}", data), "empty");
  EXPECT_EQ(out("{{ range .missing }}x{{ else }}none{{ end }}", data), "none");
  EXPECT_EQ(out("{{ range .l }}{{ . }},{{ end }}", data), "1,<no value>,");
}

TEST(Exec_Control, RangeBreakContinueAndAssign) {
  EXPECT_EQ(out("{{ range $i, $v := (list 1 2 3) }}{{ if eq $v 1 }}{{ continue }}{{ end }}{{ $v }}{{ break }}{{ end }}"),
            "2");
  EXPECT_EQ(out("{{ range list 1 2 }}{{ range list 3 4 }}{{ . }}{{ break }}{{ end }}{{ . }}{{ end }}"), "3132");
  EXPECT_EQ(out("{{ $i := 0 }}{{ range $i = list 5 6 }}{{ end }}{{ $i }}"), "6");
  EXPECT_EQ(out("{{ $i := 0 }}{{ $v := 0 }}{{ range $i, $v = list 5 6 }}{{ end }}{{ $i }}{{ $v }}"), "16");
}

TEST(Exec_Control, RangeOverAnIntegerIsAnErrorInHelm317) {
  // Go 1.24 added range-over-int; Helm 3.17 is built with Go 1.23.
  EXPECT_EQ(err("{{ range $v := 3 }}{{ $v }}{{ end }}"),
            "template: t:1:15: executing \"t\" at <3>: range can't iterate over 3");
}

TEST(Exec_Templates, TemplateAndBlockAndDefine) {
  EXPECT_EQ(out("{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" 5 }}{{ template \"x\" }}"), "[5][<no value>]");
  EXPECT_EQ(out("{{ block \"b\" . }}b{{ . }}{{ end }}", str("!")), "b!");
  EXPECT_EQ(out("{{ define \"v\" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template \"v\" 2 }}"), "2");
  EXPECT_EQ(err("{{ template \"nope\" }}"),
            "template: t:1:12: executing \"t\" at <{{template \"nope\"}}>: template \"nope\" not defined");
}

TEST(Exec_Templates, ErrorsInsideDefinesNameTheDefineAndTheFile) {
  EXPECT_EQ(err("\n{{ define \"d\" }}\n  {{ .x.y }}{{ end }}{{ template \"d\" 1 }}"),
            "template: t:3:7: executing \"d\" at <.x.y>: can't evaluate field x in type int");
}

TEST(Exec_Templates, InfiniteRecursionFailsCleanly) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("t", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}"));
  auto result = set.execute("t", Value());
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("exceeded maximum template depth (100000)"), std::string::npos)
      << result.error().message;
  set.setMaxTemplateDepth(50);
  result = set.execute("t", Value());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "template: t:1:28: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template depth (50)");
}

TEST(Exec_Commands, NonFunctionsTakeNoArguments) {
  EXPECT_EQ(err("{{ nil }}"), "template: t:1:3: executing \"t\" at <nil>: nil is not a command");
  EXPECT_EQ(err("{{ \"x\" 1 }}"), "template: t:1:3: executing \"t\" at <\"x\">: can't give argument to non-function \"x\"");
  EXPECT_EQ(err("{{ (1) 2 }}"), "template: t:1:3: executing \"t\" at <(1) 2>: can't give argument to non-function 1");
  EXPECT_EQ(err("{{ 0xFFFFFFFFFFFFFFFF }}"),
            "template: t:1:3: executing \"t\" at <0xFFFFFFFFFFFFFFFF>: 0xFFFFFFFFFFFFFFFF overflows int");
}

}  // namespace
}  // namespace ho::tmpl
