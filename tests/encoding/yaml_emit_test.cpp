// toYaml against Helm 3.17's toYaml output (expected texts captured from the reference helm).
#include <gtest/gtest.h>

#include <cmath>

#include "encoding/go_yaml.h"

namespace ho::encoding {
namespace {

std::string reEmitted(std::string_view yaml) {
  Result<Value> v = parseYaml(yaml);
  if (!v) return "PARSE ERROR: " + v.error().message;
  Result<std::string> out = toYaml(*v);
  return out ? *out : "ERROR: " + out.error().message;
}

TEST(YamlEmit, StringQuotingFoldingAndBlockScalarsMatchHelm) {
  EXPECT_EQ(reEmitted(R"__(s1: "yes"
s2: "1"
s3: ""
s4: "null"
s5: "~"
s6: "true"
s7: "a: b"
s8: "- a"
s9: "trailing "
s10: " leading"
s11: "a\nb"
s12: "a\nb\n"
s13: "a\nb\n\n"
s14: "a \nb"
s15: "\ta"
s16: "é ü"
s17: "\u0001x"
s18: "#x"
s19: "a #b"
s20: "a#b"
s21: "@x"
s22: "%x"
s23: "x:"
s24: "1.5"
s25: "0x10"
s26: "1:20"
s27: "2001-12-14"
s28: "this is a very long string that goes on and on and on and on and on and on and on and on and on and end"
s29: "averyverylongwordwithoutanyspacesaverylongwordwithoutanyspacesaverylongwordwithoutanyspaces xx"
s30: "\na"
s31: " a\nb"
s32: "a\n b"
s33: "'q'"
s34: "a'b"
s35: "\"d\""
s36: "---"
s37: "..."
s38: "-"
s39: "?"
s40: "? x"
s41: "a,b"
s42: "[x"
s43: "x]"
s44: "1e3"
s45: "08"
s46: ".5"
s47: "+"
s48: "<<"
s49: "\u2028"
s50: "a\u00a0b"
s51: "\ufeffx"
s52: "Yes please"
s53: "n"
s54: "a\r\nb"
s55: "a\tb"
s56: "a\n\tb"
s57: "very long with trailing space so it should be double quoted and wrapped somewhere ok yes "
s58: "very long single 'quoted' because of leading space and it should be wrapped somewhere ok yes"
s59: "\n"
s60: "a\n\nb"
s61: "0b101"
s62: "-0x1F"
s63: "1_000"
s64: "+1"
s65: ".inf"
s66: "0o17"
s67: "1."
s68: "*x"
s69: "&x"
s70: "!x"
s71: "|x"
s72: ">x"
s73: "`x"
s74: "x`"
s75: "{a}"
)__"), R"__(s1: "yes"
s2: "1"
s3: ""
s4: "null"
s5: "~"
s6: "true"
s7: 'a: b'
s8: '- a'
s9: 'trailing '
s10: ' leading'
s11: |-
  a
  b
s12: |
  a
  b
s13: |+
  a
  b

s14: "a \nb"
s15: "\ta"
s16: é ü
s17: "\x01x"
s18: '#x'
s19: 'a #b'
s20: a#b
s21: '@x'
s22: '%x'
s23: 'x:'
s24: "1.5"
s25: "0x10"
s26: "1:20"
s27: "2001-12-14"
s28: this is a very long string that goes on and on and on and on and on and on and
  on and on and on and end
s29: averyverylongwordwithoutanyspacesaverylongwordwithoutanyspacesaverylongwordwithoutanyspaces
  xx
s30: |2-

  a
s31: |2-
   a
  b
s32: |-
  a
   b
s33: '''q'''
s34: a'b
s35: '"d"'
s36: '---'
s37: '...'
s38: '-'
s39: '?'
s40: '? x'
s41: a,b
s42: '[x'
s43: x]
s44: "1e3"
s45: "08"
s46: ".5"
s47: +
s48: <<
s49: ' '
s50: a b
s51: "\uFEFF\x78"
s52: Yes please
s53: "n"
s54: "a\r\nb"
s55: "a\tb"
s56: "a\n\tb"
s57: 'very long with trailing space so it should be double quoted and wrapped somewhere
  ok yes '
s58: very long single 'quoted' because of leading space and it should be wrapped somewhere
  ok yes
s59: |2+

s60: |-
  a

  b
s61: "0b101"
s62: "-0x1F"
s63: "1_000"
s64: "+1"
s65: ".inf"
s66: "0o17"
s67: "1."
s68: '*x'
s69: '&x'
s70: '!x'
s71: '|x'
s72: '>x'
s73: '`x'
s74: x`
s75: '{a}'
)__");
}

TEST(YamlEmit, CollectionsNumbersKeysAndOrderMatchHelm) {
  EXPECT_EQ(reEmitted(R"__(ll: [[a, b], [], [[c]], {}]
lm: [{a: 1, b: [x, y], c: {d: 1}}, {}]
em: {}
el: []
nn: null
nested: {a: {b: {c: "x\ny"}}}
lst: ["a\nb", " x"]
k: {"a: b": 1, "": 2, "multi\nline": 3, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": 4, "yes": 5, " lead": 6, "a'b": 7}
f: [1.0, 3.5, 1e6, 1.5e-7, 1e21, 1e20, 0.000001, 0.0000001, 123456789.123, -0.0, 100000000000000000000000]
order: {a10: 1, a2: 2, aB: 3, a_: 4, A: 5, "1": 6, "10": 7, "9": 8, b: 9, "é": 10, "z": 11, "a01": 12, "a1": 13}
)__"), R"__(el: []
em: {}
f:
- 1
- 3.5
- 1000000
- 1.5e-07
- 1e+21
- 1e+20
- 1e-06
- 1e-07
- 1.23456789123e+08
- 0
- 1e+23
k:
  "": 2
  ' lead': 6
  a'b: 7
  'a: b': 1
  ? aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
  : 4
  ? |-
    multi
    line
  : 3
  "yes": 5
ll:
- - a
  - b
- []
- - - c
- {}
lm:
- a: 1
  b:
  - x
  - true
  c:
    d: 1
- {}
lst:
- |-
  a
  b
- ' x'
nested:
  a:
    b:
      c: |-
        x
        y
nn: null
order:
  "1": 6
  "9": 8
  "10": 7
  A: 5
  a_: 4
  a1: 13
  a01: 12
  a2: 2
  a10: 1
  aB: 3
  b: 9
  z: 11
  é: 10
)__");
}

// go-yaml compares digit runs in keys as Go ints, which wrap around past
// 2^63 (output of helm 3.17's toYaml); found by the template_execute fuzzer
// as a signed overflow.
TEST(YamlEmit, HugeNumbersInKeysWrapAroundLikeGoInts) {
  EXPECT_EQ(reEmitted(R"({"a11111111111111111111": 1, "a2": 2, "a9223372036854775808": 3, "a3": 4})"),
            "a9223372036854775808: 3\na11111111111111111111: 1\na2: 2\na3: 4\n");
}

TEST(YamlEmit, RootScalars) {
  EXPECT_EQ(*toYaml(Value::string("abc")), "abc\n");
  EXPECT_EQ(*toYaml(Value::string("a\nb")), "|-\n  a\n  b\n");
  EXPECT_EQ(*toYaml(Value::string("")), "\"\"\n");
  EXPECT_EQ(*toYaml(Value::nil()), "null\n");
  EXPECT_EQ(*toYaml(Value::integer(1)), "1\n");
  EXPECT_EQ(*toYaml(Value::string("a\n")), "|\n  a\n");
  EXPECT_EQ(*toYaml(Value::string("a\n\n")), "|+\n  a\n\n");
  EXPECT_EQ(*toYaml(Value::string("yes")), "\"yes\"\n");
}

TEST(YamlEmit, NonFiniteFloatsAreJsonErrors) {
  Result<std::string> out = toYaml(Value::floating(1.0 / 0.0));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().message, "json: unsupported value: +Inf");
}

// toYamlPretty (go-yaml v3, SetIndent(2)): expectations printed by Helm 3.17
// for `toYamlPretty .Values` with the same values file.
TEST(YamlEmitV3, IndentedSequencesUnfoldedLinesAndGoNumbersMatchHelm) {
  Result<Value> v = parseYaml(R"__(a:
  list: [1, 2, {x: 1, y: [a, b]}]
  str: "hello"
  multi: "line1\nline2\n"
  tab: "a\tb\nc"
  long: "aaaaaaaaa bbbbbbbbbbbb cccccccccccc dddddddddddddd eeeeeeeeeeeeee fffffffffffff ggggggggggggg hhhhhhhhhhh"
  big: 12345678901
  nested: [[1,2],[3]]
  k: {a10: 1, a9: 2, B: 3, b: 4, "10": 5, "9": 6, a1b: 7, a01: 8}
  s: ["yes","on","n","<<","0o17","12:30","2001-12-14", "a #b", "'q", " x", "-"]
)__");
  ASSERT_TRUE(v) << v.error().message;
  Result<std::string> out = toYamlV3(*v);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out, R"__(a:
  big: 1.2345678901e+10
  k:
    "9": 6
    "10": 5
    B: 3
    a1b: 7
    a01: 8
    a9: 2
    a10: 1
    b: 4
  list:
    - 1
    - 2
    - "true":
        - a
        - b
      x: 1
  long: aaaaaaaaa bbbbbbbbbbbb cccccccccccc dddddddddddddd eeeeeeeeeeeeee fffffffffffff ggggggggggggg hhhhhhhhhhh
  multi: |
    line1
    line2
  nested:
    - - 1
      - 2
    - - 3
  s:
    - "yes"
    - "on"
    - "n"
    - <<
    - "0o17"
    - "12:30"
    - "2001-12-14"
    - 'a #b'
    - '''q'
    - ' x'
    - '-'
  str: hello
  tab: |-
    a	b
    c
)__");
}

TEST(YamlEmitV3, NumbersKeepGoFormattingAndSpecialsAreYamlSpelled) {
  Value list = Value::list({Value::floating(std::nan("")), Value::floating(-INFINITY), Value::integer(5),
                            Value::floating(2.0), Value::floating(1e21), Value::floating(100000.0)});
  Result<std::string> out = toYamlV3(list);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out, "- .nan\n- -.inf\n- 5\n- 2\n- 1e+21\n- 100000\n");
}

}  // namespace
}  // namespace ho::encoding
