// values.schema.json validation: every expected message below is what the
// reference helm 3.17.3 printed for the same schema and values.yaml (the text
// after "<chart>:\n" in "Error: values don't meet the specifications ...").
#include <gtest/gtest.h>

#include "chart/schema_validation.h"
#include "encoding/go_yaml.h"

namespace ho::chart {
namespace {

// "" when valid, else ValidateAgainstSingleSchema's message.
std::string check(std::string_view schema, std::string_view valuesYaml) {
  Result<Value> values = encoding::parseYaml(valuesYaml);
  EXPECT_TRUE(values.ok());
  Result<void> result = validateAgainstSingleSchema(*values, schema);
  return result ? "" : result.error().message;
}

TEST(Schema_Validation, EnumFailureNamesFieldAndQuotedChoices) {
  EXPECT_EQ(check(R"({"properties":{"mode":{"type":"string","enum":["ok","fail","parse"]}}})", "mode: other"),
            "- mode: mode must be one of the following: \"ok\", \"fail\", \"parse\"\n");
}

TEST(Schema_Validation, RequiredAndAdditionalReportAtParentThenPropertiesSorted) {
  EXPECT_EQ(check(R"({"properties": {"a": {"type":"string"}, "b": {"type":"string"}, "d": {"minimum": 1000000},
                      "e": {"maximum": 0.1}, "g": {"type":"integer"}},
                      "required": ["zz","yy"], "additionalProperties": false})",
                  "a: 1\nb: 2\nd: 5\ne: 3\ng: '1.5'\np: 1\nq: 2"),
            "- (root): zz is required\n"
            "- (root): yy is required\n"
            "- (root): Additional property p is not allowed\n"
            "- (root): Additional property q is not allowed\n"
            "- a: Invalid type. Expected: string, given: integer\n"
            "- b: Invalid type. Expected: string, given: integer\n"
            "- d: Must be greater than or equal to 1e+06\n"
            "- e: Must be less than or equal to 0.1\n"
            "- g: Invalid type. Expected: integer, given: string\n");
}

TEST(Schema_Validation, NullFailsTypedSchemaUnlessNullAllowed) {
  EXPECT_EQ(check(R"({"properties":{"a":{"type":"string"},"b":{"type":["string","null"]}}})", "a: null\nb: null"),
            "- a: Invalid type. Expected: string, given: null\n");
}

TEST(Schema_Validation, WholeFloatsAreIntegers) {
  EXPECT_EQ(check(R"({"properties":{"a":{"type":"integer"},"b":{"type":"integer"},"c":{"type":"string"}}})",
                  "a: 1.0\nb: 1.5\nc: 2.0"),
            "- b: Invalid type. Expected: integer, given: number\n"
            "- c: Invalid type. Expected: string, given: integer\n");
}

TEST(Schema_Validation, NestedFieldsAndListIndexesJoinWithDots) {
  EXPECT_EQ(check(R"({"properties":{"a":{"properties":{"b":{"type":"string","minLength":3}}},
                      "l":{"items":{"type":"string"}}}})",
                  "a:\n  b: \"\u00e9\u00e9\"\nl: [1, \"x\", true, {a: 1}, [1]]"),
            "- a.b: String length must be greater than or equal to 3\n"
            "- l.0: Invalid type. Expected: string, given: integer\n"
            "- l.2: Invalid type. Expected: string, given: boolean\n"
            "- l.3: Invalid type. Expected: string, given: object\n"
            "- l.4: Invalid type. Expected: string, given: array\n");
}

TEST(Schema_Validation, NumberBoundsPrintLikeBigFloat) {
  EXPECT_EQ(check(R"({"properties":{"a":{"minimum":123456789},"b":{"maximum":0.00001},"c":{"exclusiveMinimum":5},
                      "d":{"exclusiveMaximum":5},"e":{"multipleOf":0.1},"f":{"multipleOf":3},"g":{"multipleOf":0.1}}})",
                  "a: 1\nb: 1\nc: 5\nd: 5\ne: 0.35\nf: 0.3\ng: 0.3"),
            "- a: Must be greater than or equal to 1.23456789e+08\n"
            "- b: Must be less than or equal to 1e-05\n"
            "- c: Must be greater than 5\n"
            "- d: Must be less than 5\n"
            "- e: Must be a multiple of 0.1\n"
            "- f: Must be a multiple of 3\n");
}

TEST(Schema_Validation, Draft4ExclusiveBoundsAreBooleans) {
  EXPECT_EQ(check(R"({"$schema":"http://json-schema.org/draft-04/schema#","properties":{
                      "c":{"minimum":5,"exclusiveMinimum":true},"d":{"maximum":5,"exclusiveMaximum":true}}})",
                  "c: 5\nd: 5"),
            "- c: Must be greater than 5\n- d: Must be less than 5\n");
  EXPECT_EQ(check(R"({"$schema":"http://json-schema.org/draft-04/schema","properties":{"c":{"exclusiveMinimum":1}}})",
                  "b: 2"),
            "Invalid type. Expected: boolean, given: exclusiveMinimum");
}

TEST(Schema_Validation, EnumAndConstCompareCanonicalJson) {
  EXPECT_EQ(check(R"({"properties":{"a":{"enum":["x<y",1,null,{"b":[1.0]}]},"b":{"const":{"k":"v"}},"c":{"enum":[1]}}})",
                  "a: 2\nb: {k: w}\nc: 1.0"),
            "- a: a must be one of the following: \"x\\u003cy\", 1, null, {\"b\":[1]}\n"
            "- b: b does not match: {\"k\":\"v\"}\n");
}

TEST(Schema_Validation, LocalReferencesWithEscapedPointers) {
  EXPECT_EQ(check(R"({"definitions":{"a~b":{"type":"string"},"c/d":{"type":"integer"}},"$defs":{"e f":{"minimum":3}},
                      "properties":{"a":{"$ref":"#/definitions/a~0b"},"c":{"$ref":"#/definitions/c~1d"},
                      "e":{"$ref":"#/$defs/e%20f"}}})",
                  "a: 1\nc: x\ne: 1"),
            "- a: Invalid type. Expected: string, given: integer\n"
            "- c: Invalid type. Expected: integer, given: string\n"
            "- e: Must be greater than or equal to 3\n");
}

TEST(Schema_Validation, IdScopedReferences) {
  EXPECT_EQ(check(R"({"$id":"http://example.com/root.json","definitions":{"x":{"$id":"#foo","type":"string"}},
                      "properties":{"a":{"$ref":"#foo"},"b":{"$ref":"http://example.com/root.json#/definitions/x"}}})",
                  "a: 1\nb: 2"),
            "- a: Invalid type. Expected: string, given: integer\n"
            "- b: Invalid type. Expected: string, given: integer\n");
}

TEST(Schema_Validation, BrokenReferencesFailToCompile) {
  EXPECT_EQ(check(R"({"properties":{"a":{"$ref":"#/definitions/nope"}}})", "a: 1"),
            "Object has no key 'definitions'");
  EXPECT_EQ(check(R"({"properties":{"a":{"$ref":"other.json"}}})", "a: 1"), "Reference /other.json must be canonical");
}

TEST(Schema_Validation, RemoteReferencesAreNotFetched) {
  EXPECT_EQ(check(R"({"properties":{"a":{"$ref":"https://example.com/s.json#/x"}}})", "a: 1"),
            "Reference https://example.com/s.json#/x cannot be loaded: remote schema references are not supported");
}

TEST(Schema_Validation, AnyOfReportsClosestAlternative) {
  EXPECT_EQ(check(R"({"properties":{"a":{"anyOf":[{"type":"string","minLength":5},{"type":"integer","minimum":10,"maximum":20}]},
                      "b":{"anyOf":[{"type":"string"},{"type":"boolean"}]}}})",
                  "a: 3\nb: 1"),
            "- a: Must validate at least one schema (anyOf)\n"
            "- a: Must be greater than or equal to 10\n"
            "- b: Must validate at least one schema (anyOf)\n"
            "- b: Invalid type. Expected: string, given: integer\n");
}

TEST(Schema_Validation, OneOfAllOfNot) {
  EXPECT_EQ(check(R"({"properties":{"a":{"oneOf":[{"type":"integer"},{"minimum":0}]},
                      "b":{"oneOf":[{"type":"string"},{"type":"integer","maximum":0}]}}})",
                  "a: 3\nb: 5"),
            "- a: Must validate one and only one schema (oneOf)\n"
            "- b: Must validate one and only one schema (oneOf)\n"
            "- b: Must be less than or equal to 0\n");
  EXPECT_EQ(check(R"({"properties":{"a":{"allOf":[{"type":"integer"},{"minimum":5},{"maximum":1}]}}})", "a: 3"),
            "- a: Must be greater than or equal to 5\n"
            "- a: Must be less than or equal to 1\n"
            "- a: Must validate all the schemas (allOf)\n");
}

TEST(Schema_Validation, NotAndIfThenElse) {
  EXPECT_EQ(check(R"({"properties":{"a":{"not":{"type":"integer"}},
                      "b":{"if":{"type":"integer"},"then":{"minimum":10},"else":{"type":"boolean"}},
                      "c":{"if":{"type":"integer"},"then":{"minimum":10},"else":{"type":"boolean"}}}})",
                  "a: 3\nb: 3\nc: x"),
            "- a: Must not validate the schema (not)\n"
            "- b: Must validate \"then\" as \"if\" was valid\n"
            "- b: Must be greater than or equal to 10\n"
            "- c: Must validate \"else\" as \"if\" was not valid\n"
            "- c: Invalid type. Expected: boolean, given: string\n");
}

TEST(Schema_Validation, DependenciesAndPropertyNames) {
  EXPECT_EQ(check(R"({"dependencies":{"a":["b","c"],"d":{"required":["e"]}},"propertyNames":{"maxLength":1}})",
                  "a: 1\nd: 2\nlongname: 3"),
            "- (root): Has a dependency on b\n"
            "- (root): Has a dependency on c\n"
            "- (root): e is required\n"
            "- (root): Property name of \"longname\" does not match\n"
            "- (root): String length must be less than or equal to 1\n");
}

TEST(Schema_Validation, PatternAndAdditionalPropertySchemas) {
  EXPECT_EQ(check(R"({"patternProperties":{"^x":{"type":"string"},"y$":{"type":"integer"}},
                      "additionalProperties":{"type":"boolean"},"properties":{"p":{"type":"integer"}}})",
                  "xy: 1.5\nxa: 2\np: true\nq: 1\nr: true"),
            "- q: Invalid type. Expected: boolean, given: integer\n"
            "- xa: Invalid type. Expected: string, given: integer\n"
            "- xy: Invalid type. Expected: string, given: number\n"
            "- xy: Invalid type. Expected: integer, given: number\n"
            "- p: Invalid type. Expected: integer, given: boolean\n");
}

TEST(Schema_Validation, ArrayKeywords) {
  EXPECT_EQ(check(R"({"properties":{"t":{"items":[{"type":"string"},{"type":"integer"}],"additionalItems":false},
                      "u":{"items":[{"type":"string"}],"additionalItems":{"type":"string"}},
                      "m":{"minItems":3,"maxItems":1,"uniqueItems":true},"c":{"contains":{"type":"string","minLength":3}}}})",
                  "t: [1, \"a\", 3]\nu: [\"a\", 1, 2]\nm: [1, 1, 1]\nc: [1, \"ab\"]"),
            "- c: At least one of the items must match\n"
            "- c.1: String length must be greater than or equal to 3\n"
            "- m: Array must have at most 1 items\n"
            "- m: array items[0,1] must be unique\n"
            "- m: array items[1,2] must be unique\n"
            "- t.0: Invalid type. Expected: string, given: integer\n"
            "- t.1: Invalid type. Expected: integer, given: string\n"
            "- t: No additional items allowed on array\n"
            "- u.1: Invalid type. Expected: string, given: integer\n"
            "- u.2: Invalid type. Expected: string, given: integer\n");
}

TEST(Schema_Validation, ObjectSizesAndBooleanSchemas) {
  EXPECT_EQ(check(R"({"properties":{"o":{"minProperties":3},"o2":{"maxProperties":0},"f":false,"t":true},"required":["t"]})",
                  "o: {a: 1}\no2: {a: 1}\nf: 1"),
            "- (root): t is required\n"
            "- f: False always fails validation\n"
            "- o: Must have at least 3 properties\n"
            "- o2: Must have at most 0 properties\n");
  EXPECT_EQ(check("true", "a: 1"), "");
  EXPECT_EQ(check("false", "a: 1"), "- (root): False always fails validation\n");
}

TEST(Schema_Validation, Formats) {
  EXPECT_EQ(check(R"({"properties":{"dt":{"format":"date-time"},"d":{"format":"date"},"e":{"format":"email"},
                      "h":{"format":"hostname"},"i4":{"format":"ipv4"},"i6":{"format":"ipv6"},"u":{"format":"uri"},
                      "uu":{"format":"uuid"},"num":{"format":"date","minimum":10},"x":{"format":"unknown"},
                      "b":{"format":"date"},"up":{"format":"uuid"}}})",
                  "dt: \"2020-13-01T00:00:00Z\"\nd: \"2021-02-29\"\ne: \"not an email\"\nh: \"-bad-.com\"\n"
                  "i4: \"1.2.3.256\"\ni6: \"1.2.3.4\"\nu: \"no-scheme\"\nuu: \"1234\"\nnum: 5\nx: y\nb: true\n"
                  "up: \"123E4567-E89B-12D3-A456-426614174000\""),
            "- d: Does not match format 'date'\n"
            "- dt: Does not match format 'date-time'\n"
            "- e: Does not match format 'email'\n"
            "- h: Does not match format 'hostname'\n"
            "- i4: Does not match format 'ipv4'\n"
            "- i6: Does not match format 'ipv6'\n"
            "- num: Must be greater than or equal to 10\n"
            "- num: Does not match format 'date'\n"
            "- u: Does not match format 'uri'\n"
            "- up: Does not match format 'uuid'\n"
            "- uu: Does not match format 'uuid'\n");
  EXPECT_EQ(check(R"({"properties":{"dt":{"format":"date-time"},"t":{"format":"date-time"},"d":{"format":"date"},
                      "e":{"format":"email"},"e2":{"format":"email"},"h":{"format":"hostname"},"i4":{"format":"ipv4"},
                      "i6":{"format":"ipv6"},"u":{"format":"uri"},"uu":{"format":"uuid"}}})",
                  "dt: \"2020-12-01T10:00:00.5+01:00\"\nt: \"1:02:03\"\nd: \"2020-02-29\"\ne: \"a.b@c.d\"\n"
                  "e2: \"Bob <bob@x.io>\"\nh: \"a-b.example.com\"\ni4: \"10.0.0.1\"\ni6: \"::ffff:1.2.3.4\"\n"
                  "u: \"https://x.y/z?q=1#f\"\nuu: \"123e4567-e89b-12d3-a456-426614174000\""),
            "");
}

TEST(Schema_Validation, FormatIsCheckedAfterLengthAndPattern) {
  EXPECT_EQ(check(R"({"properties":{"s":{"format":"ipv4","pattern":"^z","maxLength":0,"enum":["zz"]}}})", "s: x"),
            "- s: s must be one of the following: \"zz\"\n"
            "- s: String length must be less than or equal to 0\n"
            "- s: Does not match pattern '^z'\n"
            "- s: Does not match format 'ipv4'\n");
}

TEST(Schema_Validation, DraftsGateKeywords) {
  EXPECT_EQ(check(R"({"$schema":"http://json-schema.org/draft-04/schema#","properties":{"a":true}})", "a: 1"),
            "Expected: valid schema, given: Invalid JSON");
  EXPECT_EQ(check(R"({"$schema":"http://json-schema.org/draft-06/schema#","properties":{
                      "a":{"if":{"type":"integer"},"then":false},"b":{"const":1}}})",
                  "a: 1\nb: 2"),
            "- b: b does not match: 1\n");
}

TEST(Schema_Validation, MalformedSchemasReportTheLibraryError) {
  EXPECT_EQ(check(R"({"properties":{"a":{"type":"foo"}}})", "a: 1"),
            "has a primitive type that is NOT VALID -- given: /foo/ Expected valid values are:"
            "[array boolean integer number null object string]");
  EXPECT_EQ(check(R"({"properties":{"a":{"pattern":"(("}}})", "a: 1"), "pattern must be a valid regex");
  EXPECT_EQ(check(R"({"properties":{"a":{"minLength":"x"}}})", "a: 1"), "minLength must be of an integer");
  EXPECT_EQ(check(R"({"required":"a"})", "a: 1"), "required must be of an array");
  EXPECT_EQ(check(R"({"properties":{"o":{"minProperties":3,"maxProperties":0}}})", "a: 1"),
            "minProperties cannot be greater than maxProperties");
  EXPECT_EQ(check("null", "a: 1"), "schema is invalid");
  EXPECT_EQ(check("[]", "a: 1"), "schema is invalid");
}

TEST(Schema_Validation, SchemaJsonIsReadLikeAGoDecoder) {
  EXPECT_EQ(check("", "a: 1"), "EOF");
  EXPECT_EQ(check("{", "a: 1"), "unexpected EOF");
  EXPECT_EQ(check(R"({"type":})", "a: 1"), "invalid character '}' looking for beginning of value");
  EXPECT_EQ(check(R"({"type":"object"} xyz)", "a: 1"), "");
}

// A chart named `name` with `schema`.
std::shared_ptr<Chart> chartWithSchema(const std::string& name, const std::string& schema) {
  auto chart = std::make_shared<Chart>();
  chart->metadata.name = name;
  chart->schema = schema;
  return chart;
}

TEST(Schema_Validation, SubchartsValidateTheirOwnValuesAfterTheParent) {
  auto parent = chartWithSchema("parent", R"({"properties":{"p":{"type":"string"}}})");
  parent->addDependency(chartWithSchema("child", R"({"required":["need"],"properties":{"c":{"type":"integer"}}})"));
  Result<Value> values = encoding::parseYaml("p: 1\nchild:\n  c: x\n");
  Result<void> result = validateAgainstSchema(*parent, *values);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "values don't meet the specifications of the schema(s) in the following chart(s):\n"
            "parent:\n"
            "- p: Invalid type. Expected: string, given: integer\n"
            "child:\n"
            "- (root): need is required\n"
            "- c: Invalid type. Expected: integer, given: string\n");
}

TEST(Schema_Validation, SchemaErrorsRunIntoTheNextChartLikeHelms) {
  auto parent = chartWithSchema("parent", "{");
  parent->addDependency(chartWithSchema("child", R"({"required":["need"]})"));
  Result<void> result = validateAgainstSchema(*parent, *encoding::parseYaml("child:\n  c: x\n"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "values don't meet the specifications of the schema(s) in the following chart(s):\n"
            "parent:\n"
            "unexpected EOFchild:\n"
            "- (root): need is required\n");
}

TEST(Schema_Validation, ValidValuesPass) {
  auto parent = chartWithSchema("parent", R"({"properties":{"p":{"type":"string"}}})");
  parent->addDependency(chartWithSchema("child", R"({"required":["need"]})"));
  EXPECT_TRUE(validateAgainstSchema(*parent, *encoding::parseYaml("p: ok\nchild:\n  need: 1\n")).ok());
  EXPECT_TRUE(validateAgainstSchema(*chartWithSchema("t", ""), Value::nil()).ok());
}

}  // namespace
}  // namespace ho::chart

namespace ho::chart {
namespace {

TEST(SchemaLimits, RefLoopIsReportedNotACrash) {
  auto result = validateAgainstSingleSchema(Value::map({{"a", Value::floating(1)}}),
                                            R"({"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/a"}}})");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("(a $ref loop?)"), std::string::npos) << result.error().message;
}

}  // namespace
}  // namespace ho::chart
