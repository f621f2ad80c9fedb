// Function calls: Go's builtins and table functions, argument checking and
// conversion as Go's evalArg/validateType do it, and call errors.
#include <gtest/gtest.h>

#include "template_test_support.h"

namespace ho::tmpl {
namespace {

using namespace testing;

Value values() {
  return map({{"s", str("str")}, {"n", Value()}, {"l", list({num(1), Value()})}, {"m", map({{"a", num(1)}})}});
}

TEST(Exec_Builtins, AndOrReturnTheDecidingOperand) {
  EXPECT_EQ(out("{{ and 1 0 2 }}|{{ or 0 \"\" }}|{{ or 0 3 }}|{{ and 1 2 }}|{{ not 0 }}|{{ not (list) }}"),
            "0||3|2|true|true");
  EXPECT_EQ(out("{{ 1 | and 0 }}|{{ 0 | or 5 }}|{{ 0 | and 5 }}"), "0|5|0");
  // Short-circuit: the failing call is never made.
  EXPECT_EQ(out("{{ or 1 (fail \"boom\") }}|{{ and 0 (fail \"boom\") }}"), "1|0");
  EXPECT_EQ(err("{{ and }}"), "template: t:1:3: executing \"t\" at <and>: wrong number of args for and: want at least 1 got 0");
  EXPECT_EQ(err("{{ not }}"), "template: t:1:3: executing \"t\" at <not>: wrong number of args for not: want 1 got 0");
}

TEST(Exec_Builtins, Comparisons) {
  EXPECT_EQ(out("{{ eq 1 1 }} {{ eq 1 2 3 1 }} {{ eq \"a\" \"b\" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt 1 2 }} {{ ge 2 2 }}"),
            "true true false true true true false true");
  EXPECT_EQ(out("{{ eq .missing \"a\" }}|{{ eq nil nil }}|{{ eq .n nil }}", values()), "false|true|true");
  EXPECT_EQ(out("{{ lt \"a\" \"b\" }} {{ eq 1.5 1.5 }} {{ eq true true }}"), "true true true");
  EXPECT_EQ(err("{{ eq 1 1.0 }}"), "template: t:1:3: executing \"t\" at <eq 1 1.0>: error calling eq: incompatible types for comparison");
  EXPECT_EQ(err("{{ lt 1 2.0 }}"), "template: t:1:3: executing \"t\" at <lt 1 2.0>: error calling lt: incompatible types for comparison");
  EXPECT_EQ(err("{{ lt nil 1 }}"), "template: t:1:3: executing \"t\" at <lt nil 1>: error calling lt: invalid type for comparison");
  EXPECT_EQ(err("{{ lt true false }}"), "template: t:1:3: executing \"t\" at <lt true false>: error calling lt: invalid type for comparison");
  EXPECT_EQ(err("{{ eq }}"), "template: t:1:3: executing \"t\" at <eq>: wrong number of args for eq: want at least 1 got 0");
  EXPECT_EQ(err("{{ eq 1 }}"), "template: t:1:3: executing \"t\" at <eq 1>: error calling eq: missing argument for comparison");
  EXPECT_EQ(err("{{ eq (list 1) (list 1) }}"),
            "template: t:1:3: executing \"t\" at <eq (list 1) (list 1)>: error calling eq: non-comparable type [%!s(int=1)]: []interface {}");
  EXPECT_EQ(err("{{ eq (list 1) (dict) }}"),
            "template: t:1:3: executing \"t\" at <eq (list 1) (dict)>: error calling eq: non-comparable types [%!s(int=1)]: []interface {}, map[string]interface {}: map[]");
}

TEST(Exec_Builtins, IndexSliceLen) {
  Value data = values();
  EXPECT_EQ(out("{{ index .m \"a\" }}|{{ index .m \"b\" }}|{{ index \"abc\" 1 }}|{{ index .l 0 }}", data), "1|<no value>|98|1");
  EXPECT_EQ(out("{{ index (list (list 1 2) (list 3 4)) 1 0 }}"), "3");
  EXPECT_EQ(out("{{ len \"héllo\" }} {{ len .l }} {{ len .m }}", data), "6 2 1");
  EXPECT_EQ(out("{{ slice \"abcd\" 1 3 }} {{ slice (list 1 2 3) 1 }} {{ slice (list 1 2 3) }}"), "bc [2 3] [1 2 3]");
  EXPECT_EQ(err("{{ index .l 5 }}", data), "template: t:1:3: executing \"t\" at <index .l 5>: error calling index: index out of range: 5");
  EXPECT_EQ(err("{{ index .l \"a\" }}", data),
            "template: t:1:3: executing \"t\" at <index .l \"a\">: error calling index: cannot index slice/array with type string");
  EXPECT_EQ(err("{{ index . 1 }}", data), "template: t:1:3: executing \"t\" at <index . 1>: error calling index: value has type int; should be string");
  EXPECT_EQ(err("{{ index nil 1 }}"), "template: t:1:3: executing \"t\" at <index nil 1>: error calling index: index of untyped nil");
  EXPECT_EQ(err("{{ index .l 1 2 }}", data), "template: t:1:3: executing \"t\" at <index .l 1 2>: error calling index: index of nil pointer");
  EXPECT_EQ(err("{{ index 1 1 }}"), "template: t:1:3: executing \"t\" at <index 1 1>: error calling index: can't index item of type int");
  EXPECT_EQ(err("{{ slice \"abc\" 2 1 }}"), "template: t:1:3: executing \"t\" at <slice \"abc\" 2 1>: error calling slice: invalid slice index: 2 > 1");
  EXPECT_EQ(err("{{ len 3 }}"), "template: t:1:3: executing \"t\" at <len 3>: error calling len: len of type int");
  EXPECT_EQ(err("{{ len nil }}"), "template: t:1:3: executing \"t\" at <len nil>: error calling len: reflect: call of reflect.Value.Type on zero Value");
  EXPECT_EQ(err("{{ len .missing }}", data, MissingKey::Zero),
            "template: t:1:3: executing \"t\" at <len .missing>: error calling len: len of nil pointer");
}

TEST(Exec_Builtins, PrintingAndEscaping) {
  EXPECT_EQ(out("{{ print 1 2 }}|{{ print \"a\" 1 2 \"b\" }}|{{ print 1.5 true nil }}|{{ println 1 \"a\" }}"),
            "1 2|a1 2b|1.5 true <nil>|1 a\n");
  EXPECT_EQ(out("{{ printf \"%d-%s\" 1 \"x\" }}|{{ 3 | printf \"%d-%d\" 4 }}|{{ printf \"%d\" \"a\" }}"), "1-x|4-3|%!d(string=a)");
  EXPECT_EQ(out("{{ printf \"%T %T %T %T %T\" 1 1.5 'a' 0x10 1e3 }}"), "int float64 int int float64");
  EXPECT_EQ(out("{{ html \"<a&\\\"'>\" nil }}|{{ urlquery \"a b&c/d~\" }}|{{ urlquery nil 1 }}|{{ html 1 2 }}"),
            "&lt;a&amp;&#34;&#39;&gt;&lt;no value&gt;|a+b%26c%2Fd~|%3Cno+value%3E1|1 2");
  EXPECT_EQ(out("{{ js \"<a&b='c'>=\\\\\\n\" }}"), "\\u003Ca\\u0026b\\u003D\\'c\\'\\u003E\\u003D\\\\\\u000A");
  EXPECT_EQ(out("{{ print .missing }}", values()), "<nil>");
}

TEST(Exec_Builtins, CallRefusesNonFunctions) {
  EXPECT_EQ(err("{{ call .s }}", values()), "template: t:1:3: executing \"t\" at <call .s>: error calling call: non-function .s of type string");
  EXPECT_EQ(err("{{ call nil }}"), "template: t:1:3: executing \"t\" at <call nil>: error calling call: call of nil");
}

TEST(Exec_Functions, ArgumentsAreCheckedAndConverted) {
  Value data = values();
  EXPECT_EQ(out("{{ upper \"a\" }}|{{ \"b\" | upper }}|{{ upper .s }}|{{ add1 41 }}|{{ half 3 }}", data), "A|B|STR|42|1.5");
  EXPECT_EQ(out("{{ typeOf 1 }} {{ typeOf 1.0 }} {{ typeOf 'x' }} {{ typeOf \"s\" }} {{ typeOf true }} {{ typeOf nil }}"),
            "int float64 int string bool <nil>");
  EXPECT_EQ(out("{{ join \",\" .strs }}", map({{"strs", Value::list({str("a"), str("b")}, GoType::StringList)}})), "a,b");
  EXPECT_EQ(err("{{ upper 1 }}"), "template: t:1:9: executing \"t\" at <1>: expected string; found 1");
  EXPECT_EQ(err("{{ upper nil }}"), "template: t:1:9: executing \"t\" at <nil>: cannot assign nil to string");
  EXPECT_EQ(err("{{ printf 1 }}"), "template: t:1:10: executing \"t\" at <1>: expected string; found 1");
  EXPECT_EQ(err("{{ add1 1.5 }}"), "template: t:1:8: executing \"t\" at <1.5>: expected integer; found 1.5");
  EXPECT_EQ(err("{{ join \",\" (list 1) }}"),
            "template: t:1:18: executing \"t\" at <1>: wrong type for value; expected []string; got []interface {}");
  EXPECT_EQ(err("{{ upper .missing }}", data), "template: t:1:9: executing \"t\" at <.missing>: invalid value; expected string");
  EXPECT_EQ(err("{{ upper .missing }}", data, MissingKey::Zero),
            "template: t:1:9: executing \"t\" at <.missing>: wrong type for value; expected string; got interface {}");
  EXPECT_EQ(err("{{ upper .n }}", data),
            "template: t:1:9: executing \"t\" at <.n>: wrong type for value; expected string; got interface {}");
  EXPECT_EQ(err("{{ $x := .missing }}{{ upper $x }}", data, MissingKey::Zero),
            "template: t:1:29: executing \"t\" at <$x>: invalid value; expected string");
  EXPECT_EQ(err("{{ range .l }}{{ upper . }}{{ end }}", data),
            "template: t:1:23: executing \"t\" at <.>: wrong type for value; expected string; got float64");
  EXPECT_EQ(err("{{ 1 | upper }}"), "template: t:1:7: executing \"t\" at <upper>: wrong type for value; expected string; got int");
}

TEST(Exec_Functions, ArityErrorsUseGoWording) {
  EXPECT_EQ(err("{{ upper }}"), "template: t:1:3: executing \"t\" at <upper>: wrong number of args for upper: want 1 got 0");
  EXPECT_EQ(err("{{ upper 1 2 }}"), "template: t:1:3: executing \"t\" at <upper>: wrong number of args for upper: want 1 got 2");
  EXPECT_EQ(err("{{ \"a\" | upper \"b\" }}"), "template: t:1:9: executing \"t\" at <upper>: wrong number of args for upper: want 1 got 2");
  EXPECT_EQ(err("{{ printf }}"), "template: t:1:3: executing \"t\" at <printf>: wrong number of args for printf: want at least 1 got 0");
}

TEST(Exec_Functions, FailuresBecomeErrorCalling) {
  EXPECT_EQ(err("x{{ fail \"boom\" }}"), "template: t:1:4: executing \"t\" at <fail \"boom\">: error calling fail: boom");
  EXPECT_EQ(err("{{ upper (fail \"inner\") }}"),
            "template: t:1:10: executing \"t\" at <fail \"inner\">: error calling fail: inner");
}

}  // namespace
}  // namespace ho::tmpl
