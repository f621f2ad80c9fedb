// parseYaml's syntax and decode errors, worded and numbered exactly as Helm 3.17
// prints them (each expectation checked with `helm template r CHART -f bad.yaml`).
#include <gtest/gtest.h>

#include "encoding/go_json.h"
#include "encoding/go_yaml.h"

namespace ho::encoding {
namespace {

std::string parseError(std::string_view yaml) {
  Result<Value> v = parseYaml(yaml);
  return v ? "no error: " + *toJson(*v) : v.error().message;
}

constexpr std::string_view kPrefix = "error converting YAML to JSON: ";

std::string yamlError(std::string_view message) { return std::string(kPrefix) + std::string(message); }

// The reader checks the input sixteen bytes at a time where it can: a bad
// byte is found at every position (texts checked with helm template -f).
TEST(YamlErrors, ReaderFindsBadBytesAtEveryPosition) {
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string before = "k: " + std::string(n, 'a');
    EXPECT_EQ(parseError(before + "\x01" "def\n"), yamlError("yaml: control characters are not allowed")) << n;
    EXPECT_EQ(parseError(before + "\x7F" "def\n"), yamlError("yaml: control characters are not allowed")) << n;
    EXPECT_EQ(parseError(before + "\xFF" "def\n"), yamlError("yaml: invalid leading UTF-8 octet")) << n;
    EXPECT_EQ(parseError(before + "\xC3\n"), yamlError("yaml: invalid trailing UTF-8 octet")) << n;
    EXPECT_EQ(parseError(before + "\xC3\xA9z\r\n"), "no error: {\"k\":\"" + std::string(n, 'a') + "\xC3\xA9z\"}") << n;
  }
}

TEST(YamlErrors, ScannerErrorsCountLinesFromOneAndOmitLineOne) {
  EXPECT_EQ(parseError("a: b: c\n"), yamlError("yaml: mapping values are not allowed in this context"));
  EXPECT_EQ(parseError("a: 1\n  b: 2\n c: 3\n"), yamlError("yaml: line 2: mapping values are not allowed in this context"));
  EXPECT_EQ(parseError("a:\n  b: 1\n\tc: 2\n"), yamlError("yaml: line 3: found a tab character that violates indentation"));
  EXPECT_EQ(parseError("a: \"abc\n"), yamlError("yaml: line 2: found unexpected end of stream"));
  EXPECT_EQ(parseError("a: 'abc\n"), yamlError("yaml: line 2: found unexpected end of stream"));
  EXPECT_EQ(parseError("a: @foo\n"), yamlError("yaml: found character that cannot start any token"));
  EXPECT_EQ(parseError("a: |\n  x\n\ty\n"),
            yamlError("yaml: line 3: found a tab character where an indentation space is expected"));
  EXPECT_EQ(parseError("a: \"x\n---\n\"\n"), yamlError("yaml: line 2: found unexpected document indicator"));
  EXPECT_EQ(parseError("key: \"\\q\"\n"), yamlError("yaml: found unknown escape character"));
  EXPECT_EQ(parseError("a: \"\\x4\"\n"), yamlError("yaml: did not find expected hexdecimal number"));
  EXPECT_EQ(parseError("a: |0\n  x\n"), yamlError("yaml: found an indentation indicator equal to 0"));
  EXPECT_EQ(parseError("a: |x\n"), yamlError("yaml: did not find expected comment or line break"));
  EXPECT_EQ(parseError("a: &\n"), yamlError("yaml: did not find expected alphabetic or numeric character"));
  EXPECT_EQ(parseError("a: !<x\n"), yamlError("yaml: did not find the expected '>'"));
  EXPECT_EQ(parseError("a:\n  b\n  c: d\n"), yamlError("yaml: line 3: mapping values are not allowed in this context"));
}

TEST(YamlErrors, SimpleKeysWithoutColonAreReportedWhereTheLineEnds) {
  EXPECT_EQ(parseError("a: 1\nb:\n  c: 2\n  d\ne: 3\n"), yamlError("yaml: line 5: could not find expected ':'"));
  EXPECT_EQ(parseError("a: 1\nb: 2\nc\n"), yamlError("yaml: line 4: could not find expected ':'"));
}

TEST(YamlErrors, ParserErrorsUseZeroBasedLines) {
  EXPECT_EQ(parseError("a: [1, 2\n"), yamlError("yaml: line 1: did not find expected ',' or ']'"));
  EXPECT_EQ(parseError("a: {b: 1\n"), yamlError("yaml: line 1: did not find expected ',' or '}'"));
  EXPECT_EQ(parseError("a:\n  - 1\n  b: 2\n"), yamlError("yaml: line 2: did not find expected '-' indicator"));
  EXPECT_EQ(parseError("a: 1\n- b\n"), yamlError("yaml: line 1: did not find expected key"));
  EXPECT_EQ(parseError("a: [1, 2]]\n"), yamlError("yaml: did not find expected key"));
  EXPECT_EQ(parseError("a: ]\n"), yamlError("yaml: did not find expected node content"));
  EXPECT_EQ(parseError("...\n"), yamlError("yaml: did not find expected node content"));
  EXPECT_EQ(parseError("%YAML 1.2\n---\na: 1\n"), yamlError("yaml: found incompatible YAML document"));
  EXPECT_EQ(parseError("%YAML 1.1\n%YAML 1.1\n---\n"), yamlError("yaml: line 1: found duplicate %YAML directive"));
  EXPECT_EQ(parseError("a: !x!y z\n"), yamlError("yaml: found undefined tag handle"));
}

TEST(YamlErrors, ReaderErrorsHaveNoLine) {
  EXPECT_EQ(parseError("a: \x01\n"), yamlError("yaml: control characters are not allowed"));
  EXPECT_EQ(parseError("a: \xff\n"), yamlError("yaml: invalid leading UTF-8 octet"));
}

TEST(YamlErrors, AnchorErrors) {
  EXPECT_EQ(parseError("a: *nope\n"), yamlError("yaml: unknown anchor 'nope' referenced"));
  EXPECT_EQ(parseError("a: &x [1, *x]\n"), yamlError("yaml: anchor 'x' value contains itself"));
}

TEST(YamlErrors, BillionLaughsIsExcessiveAliasing) {
  std::string text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  std::string previous = "a";
  for (std::string name : {"b", "c", "d", "e", "f", "g", "h", "i"}) {
    text += name + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) text += (i ? ",*" : "*") + previous;
    text += "]\n";
    previous = name;
  }
  EXPECT_EQ(parseError(text), yamlError("yaml: document contains excessive aliasing"));
}

TEST(YamlErrors, ModerateAliasingIsFine) {
  std::string text = "a: &a {x: 1}\n";
  for (int i = 0; i < 300; ++i) text += "k" + std::to_string(i) + ": *a\n";
  Result<Value> v = parseYaml(text);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->asMap().size(), 301u);
}

TEST(YamlErrors, NestingDepthIsBoundedNotAStackOverflow) {
  std::string deep = "a: " + std::string(10001, '[') + std::string(10001, ']');
  EXPECT_EQ(parseError(deep), yamlError("yaml: exceeded max depth of 10000"));
  std::string fine = "a: " + std::string(5000, '[') + std::string(5000, ']');
  EXPECT_TRUE(parseYaml(fine));
}

TEST(YamlErrors, DecodeErrorsNameTheTags) {
  EXPECT_EQ(parseError("a: !!int foo\n"), yamlError("yaml: cannot decode !!str `foo` as a !!int"));
  EXPECT_EQ(parseError("a: !!int 99999999999999999999\n"),
            yamlError("yaml: cannot decode !!float `99999999999999999999` as a !!int"));
  EXPECT_EQ(parseError("a: !!binary \"aGVsbG8\"\n"), yamlError("yaml: !!binary value contains invalid base64 data"));
}

TEST(YamlErrors, InvalidKeysPrintGoSyntax) {
  EXPECT_EQ(parseError("[a, b]: c\n"), yamlError("yaml: invalid map key: []interface {}{\"a\", \"b\"}"));
  EXPECT_EQ(parseError("? [1, \"x\\\"y\", true, null, {b: 1, a: [2]}, 1.5, 100000000]\n: v\n"),
            yamlError("yaml: invalid map key: []interface {}{1, \"x\\\"y\", true, interface {}(nil), "
                      "map[interface {}]interface {}{\"a\":[]interface {}{2}, \"b\":1}, 1.5, 100000000}"));
  EXPECT_EQ(parseError("null: {a: [1, ~]}\n"),
            yamlError("unsupported map key of type: %!s(<nil>), key: <nil>, value: "
                      "map[interface {}]interface {}{\"a\":[]interface {}{1, interface {}(nil)}}"));
  EXPECT_EQ(parseError("{? : z}\n"), yamlError("unsupported map key of type: %!s(<nil>), key: <nil>, value: \"z\""));
}

TEST(YamlErrors, DecodeErrorsComeBeforeJsonConversionErrors) {
  EXPECT_EQ(parseError("a: .inf\nb: !!int x\n"), yamlError("yaml: cannot decode !!str `x` as a !!int"));
}

TEST(YamlErrors, OnlyTheFirstDocumentIsRead) {
  EXPECT_EQ(parseError("a: b\n---\nc: [\n"), "no error: {\"a\":\"b\"}");
  EXPECT_EQ(parseError("a: 1\n...\nb: 2\n"), "no error: {\"a\":1}");
}

}  // namespace
}  // namespace ho::encoding
