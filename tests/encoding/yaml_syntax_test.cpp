// parseYaml on the syntax forms values files use: folding, quoting, block
// scalars, flow collections, complex keys, anchors and merges, tags, document
// markers, CRLF and BOM. Expected JSON is what Helm 3.17's toJson printed.
#include <gtest/gtest.h>

#include "encoding/go_json.h"
#include "encoding/go_yaml.h"

namespace ho::encoding {
namespace {

std::string parsedAsJson(std::string_view yaml) {
  Result<Value> v = parseYaml(yaml);
  if (!v) return "ERROR: " + v.error().message;
  return *toJson(*v);
}

TEST(YamlSyntax, ScalarFoldingQuotingAndChomping) {
  EXPECT_EQ(parsedAsJson("a: plain\n  continued\n\n  para\n"
                         "b: \"dq \\t \\u00e9 \\x41\n  next\\\n  joined\"\n"
                         "c: 'sq '' x\n\n  y'\n"
                         "d: >\n  folded\n  line\n\n   more\n  last\n"
                         "e: |+\n  keep\n\n\n"
                         "f: |2-\n    two\n   x\n"),
            R"({"a":"plain continued\npara","b":"dq \t é A nextjoined","c":"sq ' x\ny","d":"folded line\n\n more\nlast\n","e":"keep\n\n\n","f":"  two\n x"})");
  EXPECT_EQ(parsedAsJson("a: \"multi\n\n  line\n   x\"\n"), R"({"a":"multi\nline x"})");
  EXPECT_EQ(parsedAsJson("a: >\n\n  x\n\n\n  y\n  \n"), R"({"a":"\nx\n\ny\n"})");
  EXPECT_EQ(parsedAsJson("a: |-\n\n  x\n"), R"({"a":"\nx"})");
}

TEST(YamlSyntax, SequencesFlowCollectionsAndComplexKeys) {
  EXPECT_EQ(parsedAsJson("list:\n- a\n- b:\n    c: 1\n  d: 2\n-\n- - x\n  - y\nm: {a: [1, {b: c}], \"q\": ~, ? k : v}\n"),
            R"({"list":["a",{"b":{"c":1},"d":2},null,["x",true]],"m":{"a":[1,{"b":"c"}],"k":"v","q":null}})");
  EXPECT_EQ(parsedAsJson("a: [b: c, d]\n"), R"({"a":[{"b":"c"},"d"]})");
  EXPECT_EQ(parsedAsJson("{a: 1, b}\n"), R"({"a":1,"b":null})");
  EXPECT_EQ(parsedAsJson("a: [1,\n 2,\n  3]\nb: {x: 1,\n  y: 2}\n"), R"({"a":[1,2,3],"b":{"true":2,"x":1}})");
  EXPECT_EQ(parsedAsJson("key with spaces: v\n\"quoted key\": v2\n? |\n  block key\n: v3\n"),
            R"({"block key\n":"v3","key with spaces":"v","quoted key":"v2"})");
  EXPECT_EQ(parsedAsJson("? a\n? b\nc: d\n"), R"({"a":null,"b":null,"c":"d"})");
  EXPECT_EQ(parsedAsJson("  a: 1\n  b: 2\n"), R"({"a":1,"b":2})");
}

TEST(YamlSyntax, AnchorsMergesAndTags) {
  EXPECT_EQ(parsedAsJson("base: &b\n  x: 1\n  y: [1, 2]\nref: *b\nm:\n  <<: [*b, {z: 3}]\n  w: 4\n"
                         "t: !!str 12\nu: !!float \"3\"\nv: !custom 1\nw: ! 12\nx: !<tag:yaml.org,2002:int> \"5\"\n"),
            R"({"base":{"true":[1,2],"x":1},"m":{"true":[1,2],"w":4,"x":1,"z":3},"ref":{"true":[1,2],"x":1},"t":"12","u":3,"v":"1","w":"12","x":5})");
  EXPECT_EQ(parsedAsJson("%TAG !e! tag:yaml.org,2002:\n---\na: !e!int \"9\"\n"), R"({"a":9})");
  EXPECT_EQ(parsedAsJson("a: &a\n"), R"({"a":null})");
}

TEST(YamlSyntax, AliasesDecodeToIndependentCopies) {
  Result<Value> v = parseYaml("a: &x {k: 1}\nb: *x\n");
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->find("a")->sameReference(*v->find("b")));
}

TEST(YamlSyntax, DocumentMarkersCrlfAndByteOrderMark) {
  EXPECT_EQ(parsedAsJson("--- \na: 1\n...\n"), R"({"a":1})");
  EXPECT_EQ(parsedAsJson("---\n# only comment\n"), "{}");
  EXPECT_EQ(parsedAsJson("\xEF\xBB\xBF" "a: 1\r\nb: 2\r\n"), R"({"a":1,"b":2})");
  EXPECT_EQ(parsedAsJson("a:\r\n  b: |\r\n    line1\r\n    line2\r\n  c: \"x\r\n    y\"\r\n"),
            R"({"a":{"b":"line1\nline2\n","c":"x y"}})");
}

TEST(YamlSyntax, NonAsciiTextAndEscapes) {
  EXPECT_EQ(parsedAsJson("a: \xC3\xA9t\xC3\xA9\n\xC3\xA9: x\n"), R"({"a":"été","é":"x"})");
}

TEST(YamlSyntax, MultiDocumentStreams) {
  Result<std::vector<Value>> docs = parseYamlDocuments("a: 1\n---\n---\n- x\n...\n");
  ASSERT_TRUE(docs);
  ASSERT_EQ(docs->size(), 3u);
  EXPECT_EQ(*toJson((*docs)[0]), R"({"a":1})");
  EXPECT_TRUE((*docs)[1].isNil());
  EXPECT_EQ(*toJson((*docs)[2]), R"(["x"])");
  EXPECT_FALSE(parseYamlDocuments("a: 1\n---\nb: [\n"));
}

TEST(YamlSyntax, LongDocumentsParse) {
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    text += "k" + std::to_string(i) + ":\n  description: |\n    line one of " + std::to_string(i) +
            "\n    line two\n  list: [a, b, \"c\"]\n";
  }
  Result<Value> v = parseYaml(text);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->asMap().size(), 20000u);
  EXPECT_EQ(v->find("k19999")->find("description")->asString(), "line one of 19999\nline two\n");
}

}  // namespace
}  // namespace ho::encoding
