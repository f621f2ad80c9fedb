// toJson/toRawJson/toPrettyJson, parseJson and toToml against Helm 3.17's output.
#include <gtest/gtest.h>

#include "encoding/go_json.h"
#include "encoding/go_toml.h"
#include "encoding/go_yaml.h"

namespace ho::encoding {
namespace {

constexpr std::string_view kValues = R"__(s: "<a>&b \u2028 \u0008\u000c\u0001 é"
f: [1.5, 1e21, 1e-7, 0.000001, 123456789, 1e20, -0.0]
e: {}
l: []
n: null
m: {b: 1, a: [1, {c: 2}]}
name: x
num: 3
b: true
tbl: {x: {y: 1, z: "s"}, arr: [1, 2], s: "q\"t"}
)__";

Value values() { return *parseYaml(kValues); }

TEST(Json, CompactEscapesHtmlAndFormatsFloatsLikeGo) {
  EXPECT_EQ(*toJson(values()), R"__({"b":true,"e":{},"f":[1.5,1e+21,1e-7,0.000001,123456789,100000000000000000000,-0],"false":null,"l":[],"m":{"a":[1,{"c":2}],"b":1},"name":"x","num":3,"s":"\u003ca\u003e\u0026b \u2028 \b\f\u0001 é","tbl":{"arr":[1,2],"s":"q\"t","x":{"true":1,"z":"s"}}})__");
}

TEST(Json, RawDoesNotEscapeHtml) {
  EXPECT_EQ(*toJson(values(), {.escapeHtml = false, .indent = ""}), R"__({"b":true,"e":{},"f":[1.5,1e+21,1e-7,0.000001,123456789,100000000000000000000,-0],"false":null,"l":[],"m":{"a":[1,{"c":2}],"b":1},"name":"x","num":3,"s":"<a>&b \u2028 \b\f\u0001 é","tbl":{"arr":[1,2],"s":"q\"t","x":{"true":1,"z":"s"}}})__");
}

TEST(Json, PrettyIndentsWithTwoSpaces) {
  EXPECT_EQ(*toJson(values(), {.escapeHtml = true, .indent = "  "}), R"__({
  "b": true,
  "e": {},
  "f": [
    1.5,
    1e+21,
    1e-7,
    0.000001,
    123456789,
    100000000000000000000,
    -0
  ],
  "false": null,
  "l": [],
  "m": {
    "a": [
      1,
      {
        "c": 2
      }
    ],
    "b": 1
  },
  "name": "x",
  "num": 3,
  "s": "\u003ca\u003e\u0026b \u2028 \b\f\u0001 é",
  "tbl": {
    "arr": [
      1,
      2
    ],
    "s": "q\"t",
    "x": {
      "true": 1,
      "z": "s"
    }
  }
})__");
}

TEST(Json, InvalidUtf8IsReplaced) {
  EXPECT_EQ(*toJson(Value::string("a\xff" "b")), "\"a\\ufffdb\"");
}

TEST(Json, NonFiniteFloatIsAnError) {
  EXPECT_EQ(toJson(Value::floating(0.0 / 0.0)).error().message, "json: unsupported value: NaN");
}

std::string parseError(std::string_view text) {
  Result<Value> v = parseJsonMap(text);
  return v ? "no error" : v.error().message;
}

TEST(JsonParse, ErrorsUseGoWording) {
  EXPECT_EQ(parseError("{\"a\": 1"), "unexpected end of JSON input");
  EXPECT_EQ(parseError("x"), "invalid character 'x' looking for beginning of value");
  EXPECT_EQ(parseError("[1,2]"), "json: cannot unmarshal array into Go value of type map[string]interface {}");
  EXPECT_EQ(parseError("{\"a\": 1} x"), "invalid character 'x' after top-level value");
  EXPECT_EQ(parseError(""), "unexpected end of JSON input");
  EXPECT_EQ(parseError("  "), "unexpected end of JSON input");
  EXPECT_EQ(parseError("{\"a\":tru}"), "invalid character '}' in literal true (expecting 'e')");
  EXPECT_EQ(parseError("{\"a\":1,}"), "invalid character '}' looking for beginning of object key string");
  EXPECT_EQ(parseError("{'a':1}"), "invalid character '\\'' looking for beginning of object key string");
  EXPECT_EQ(parseError("{\"a\":01}"), "invalid character '1' after object key:value pair");
  EXPECT_EQ(parseError("{\"a\":\"\t\"}"), "invalid character '\\t' in string literal");
  EXPECT_EQ(parseError("{\"a\":[1,2}"), "invalid character '}' after array element");
}

// Plain runs inside strings are taken sixteen bytes at a time: escapes,
// multibyte characters, DEL and control characters on either side of a
// sixteen-byte boundary, and indentation of any width between tokens.
TEST(JsonParse, LongStringsStopAtEveryByteThatMatters) {
  const std::string plain = "abcdefghijklmnopqrstuvwxyz0123456789";  // longer than two chunks
  for (std::size_t cut = 0; cut <= plain.size(); ++cut) {
    const std::string head = plain.substr(0, cut), tail = plain.substr(cut);
    const std::string text = "{\n" + std::string(cut, ' ') + "\"k\": \"" + head + "\\\"\\\\\\n\u00e9\x7f" + tail +
                             "\"}";
    Result<Value> v = parseJson(text);
    ASSERT_TRUE(v) << text;
    EXPECT_EQ(v->find("k")->asString(), head + "\"\\\n\xC3\xA9\x7f" + tail) << text;
    EXPECT_EQ(parseError("{\"k\": \"" + head + "\x01" + tail + "\"}"), "invalid character '\\x01' in string literal")
        << cut;
    EXPECT_EQ(parseError("{\"k\": \"" + head), "unexpected end of JSON input") << cut;
  }
}

TEST(JsonParse, ValuesBecomeGoInterfaceValues) {
  Result<Value> v = parseJson(R"({"a": "\u00e9\ud83d\ude00", "b": 1.5e300, "c": -0, "d": 12345678901234567890})");
  ASSERT_TRUE(v);
  EXPECT_EQ(*toJson(*v), R"({"a":"é😀","b":1.5e+300,"c":-0,"d":12345678901234567000})");
  EXPECT_EQ(v->find("d")->typeName(), "float64");
  EXPECT_TRUE(parseJsonMap("null")->isNil());
}

TEST(Toml, MatchesBurntSushiLayout) {
  Value v = values();
  EXPECT_EQ(*toToml(v) + "\n" + *toToml(*v.find("tbl")), R"__(b = true
f = [1.5, 1000000000000000000000.0, 0.0000001, 0.000001, 123456789.0, 100000000000000000000.0, -0.0]
l = []
name = "x"
num = 3.0
s = "<a>&b   \b\f\u0001 é"

[e]

[m]
  a = [1.0, {c = 2.0}]
  b = 1.0

[tbl]
  arr = [1.0, 2.0]
  s = "q\"t"
  [tbl.x]
    true = 1.0
    z = "s"

arr = [1.0, 2.0]
s = "q\"t"

[x]
  true = 1.0
  z = "s"
)__");
}

}  // namespace
}  // namespace ho::encoding
