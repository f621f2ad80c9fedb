// parseYaml against what Helm 3.17 (sigs.k8s.io/yaml) makes of values files.
#include <gtest/gtest.h>

#include "encoding/go_json.h"
#include "encoding/go_yaml.h"

namespace ho::encoding {
namespace {

// The parsed values as Helm's toJson prints them.
std::string parsedAsJson(std::string_view yaml) {
  Result<Value> v = parseYaml(yaml);
  if (!v) return "ERROR: " + v.error().message;
  return *toJson(*v);
}

std::string parseError(std::string_view yaml) {
  Result<Value> v = parseYaml(yaml);
  return v ? "no error" : v.error().message;
}

TEST(YamlParse, Yaml11BoolsAndNulls) {
  EXPECT_EQ(parsedAsJson("a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\nu: True\nv: TRUE\nw: Yes\nal: Off\nan: \"yes\"\n"),
            R"({"a":true,"al":false,"an":"yes","b":false,"c":true,"d":false,"e":true,"f":false,"u":true,"v":true,"w":true})");
  EXPECT_EQ(parsedAsJson("g: ~\nh: null\ni: Null\nj: NULL\nk:\n"), R"({"g":null,"h":null,"i":null,"j":null,"k":null})");
}

// Words of a block plain scalar are scanned as one run across single spaces;
// a comment, a value indicator or a line break still ends or folds it (checked
// against helm template with these values).
TEST(YamlParse, PlainScalarsWithSpacesEndWhereGoYamlEndsThem) {
  EXPECT_EQ(parsedAsJson("a: one two #c\nb: one  two\nc: one two:three four\nd: one two\n  three four\n"
                         "e: one\ttwo three\nf: one #two three\ng:\n- one two # c\nh: one two#three\ni: one two   \n"),
            R"({"a":"one two","b":"one  two","c":"one two:three four","d":"one two three four","e":"one\ttwo three",)"
            R"("f":"one","g":["one two"],"h":"one two#three","i":"one two"})");
  EXPECT_EQ(parseError("j: one two: three\n"),
            "error converting YAML to JSON: yaml: mapping values are not allowed in this context");
}

TEST(YamlParse, NumbersBecomeFloat64) {
  EXPECT_EQ(parsedAsJson("l: 0x1F\nm: 0o17\nn2: 017\no: 1_000\np: 1e3\nq: +1\nr: .5\nz: 0b101\nah: 0777\nai: 08\nao: 0x_1F\nap: 1__0\n"),
            R"({"ah":511,"ai":8,"ao":31,"ap":10,"l":31,"m":15,"n2":15,"o":1000,"p":1000,"q":1,"r":0.5,"z":5})");
  Result<Value> v = parseYaml("a: 1\nb: 12345678901234567890\nc: 9007199254740993\nd: 1e-7\ne: -0\n");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->find("a")->typeName(), "float64");
  EXPECT_EQ(*toJson(*v), R"({"a":1,"b":12345678901234567000,"c":9007199254740992,"d":1e-7,"e":0})");
}

TEST(YamlParse, TimestampsAndSexagesimalStayStrings) {
  EXPECT_EQ(parsedAsJson("s: 2001-12-14\nt: 2001-12-14T21:59:43.10-05:00\naj: 1:20\n"),
            R"({"aj":"1:20","s":"2001-12-14","t":"2001-12-14T21:59:43.10-05:00"})");
}

TEST(YamlParse, InfinityAndNanAreJsonErrors) {
  EXPECT_EQ(parseError("k: .inf\n"), "error converting YAML to JSON: json: unsupported value: +Inf");
  EXPECT_EQ(parseError("k: -.inf\n"), "error converting YAML to JSON: json: unsupported value: -Inf");
  EXPECT_EQ(parseError("k: .NaN\n"), "error converting YAML to JSON: json: unsupported value: NaN");
}

TEST(YamlParse, NonStringKeysAreSpelledLikeSigsYaml) {
  EXPECT_EQ(parsedAsJson("1: a\ntrue: b\n1.1: c\n1e3: f\n0.1: g\n.inf: h\nn: i\n"),
            R"({".inf":"h","0.1":"g","1":"a","1.1":"c","1000":"f","false":"i","true":"b"})");
  EXPECT_EQ(parseError("null: d\n"),
            "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: \"d\"");
  EXPECT_EQ(parseError("12345678901234567890: e\n"),
            "error converting YAML to JSON: unsupported map key of type: uint64, key: 0xab54a98ceb1f0ad2, value: \"e\"");
}

TEST(YamlParse, DuplicateKeysLastWins) { EXPECT_EQ(parsedAsJson("a: 1\nb: 2\na: 3\n"), R"({"a":3,"b":2})"); }

TEST(YamlParse, MergeKeysFollowGoYamlV2Order) {
  EXPECT_EQ(parsedAsJson("base: &b {x: 1, y: 2}\nm:\n  x: 9\n  <<: *b\n  z: 3\n"),
            R"({"base":{"true":2,"x":1},"m":{"true":2,"x":1,"z":3}})");
  EXPECT_EQ(parsedAsJson("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  x: 9\n"),
            R"({"base":{"true":2,"x":1},"m":{"true":2,"x":9}})");
  EXPECT_EQ(parsedAsJson("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nm:\n  <<: [*a, *b]\n"),
            R"({"a":{"x":1},"b":{"true":2,"x":2},"m":{"true":2,"x":1}})");
  EXPECT_EQ(parseError("a: 1\n<<: 5\n"),
            "error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value");
  EXPECT_EQ(parsedAsJson("\"<<\": {x: 1}\n"), R"({"\u003c\u003c":{"x":1}})");
}

TEST(YamlParse, ExplicitTags) {
  EXPECT_EQ(parsedAsJson("a: !!str 1\nb: !!float 1\nc: !foo bar\nd: !!int \"7\"\ne: !!binary aGVsbG8=\n"),
            R"({"a":"1","b":1,"c":"bar","d":7,"e":"hello"})");
}

TEST(YamlParse, BlockScalars) {
  EXPECT_EQ(parsedAsJson("a: |\n  x\n  y\nb: |-\n  x\nc: |+\n  x\n\nd: >\n  x\n  y\ne: >-\n  x\n"),
            R"({"a":"x\ny\n","b":"x","c":"x\n\n","d":"x y\n","e":"x"})");
}

TEST(YamlParse, EmptyDocumentsAndTopLevelShapes) {
  EXPECT_EQ(parsedAsJson(""), "{}");
  EXPECT_EQ(parsedAsJson("# just comment\n"), "{}");
  EXPECT_EQ(parsedAsJson("---\n"), "{}");
  EXPECT_EQ(parsedAsJson("~"), "{}");
  EXPECT_EQ(parsedAsJson("a: 1\n---\nb: 2\n"), R"({"a":1})");
  EXPECT_EQ(parseError("hello\n"),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}");
  EXPECT_EQ(parseError("- a\n- b\n"),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}");
}

TEST(YamlParse, SyntaxErrorsUseGoYamlWording) {
  EXPECT_EQ(parseError("a: b: c\n"), "error converting YAML to JSON: yaml: mapping values are not allowed in this context");
  EXPECT_EQ(parseError("x: 1\n y: 2"),
            "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context");
  EXPECT_EQ(parseError("a: [1, 2\n"), "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'");
  EXPECT_EQ(parseError("a: {b: 1\n"), "error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'");
  EXPECT_EQ(parseError("a: *nope\n"), "error converting YAML to JSON: yaml: unknown anchor 'nope' referenced");
}

TEST(YamlParse, TypedKeepsIntegers) {
  Result<Value> v = parseYamlTyped("a: 1\nb: 1.0\nc: \"1.0\"\nd: 2001-12-14\n");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->find("a")->typeName(), "int");
  EXPECT_EQ(v->find("a")->asInt(), 1);
  EXPECT_EQ(v->find("b")->typeName(), "float64");
  EXPECT_EQ(v->find("c")->asString(), "1.0");
  EXPECT_EQ(v->find("d")->asString(), "2001-12-14");
}

TEST(YamlParse, Documents) {
  Result<std::vector<Value>> docs = parseYamlDocuments("a: 1\n---\n- x\n---\n");
  ASSERT_TRUE(docs);
  ASSERT_GE(docs->size(), 2u);
  EXPECT_EQ(*toJson((*docs)[0]), R"({"a":1})");
  EXPECT_EQ(*toJson((*docs)[1]), R"(["x"])");
}

}  // namespace
}  // namespace ho::encoding
