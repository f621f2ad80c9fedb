// Custom resource validation, pruning and defaulting against structural
// schemas; expected texts are kube-apiserver's (apiextensions-apiserver +
// kube-openapi + apimachinery field errors, v1.32).
#include <gtest/gtest.h>

#include "kube/server/cr_defaulting.h"
#include "kube/server/cr_pruning.h"
#include "kube/server/cr_validation.h"

namespace ho::kube {
namespace {

using nlohmann::json;

json objectSchema(json properties) { return {{"type", "object"}, {"properties", std::move(properties)}}; }

json specSchema(json properties) {
  return objectSchema({{"apiVersion", {{"type", "string"}}},
                       {"kind", {{"type", "string"}}},
                       {"metadata", {{"type", "object"}}},
                       {"spec", objectSchema(std::move(properties))}});
}

json resource(json spec) {
  return {{"apiVersion", "example.com/v1"}, {"kind", "Widget"}, {"metadata", {{"name", "x"}}}, {"spec", std::move(spec)}};
}

std::vector<std::string> bodies(const json& object, const json& schema) {
  std::vector<std::string> texts;
  for (const FieldError& error : validateCustomResource(object, schema)) texts.push_back(error.field + ": " + error.body);
  return texts;
}

TEST(CrValidation, WrongTypeGivesKubeApiserverMessageAndCause) {
  const json schema = specSchema({{"chart", objectSchema({{"version", {{"type", "string"}}}})}});
  const auto errors = validateCustomResource(resource({{"chart", {{"version", 1}}}}), schema);
  const ApiError error = invalidObject("HelmRelease.helm.fluxcd.io", "x", errors);
  EXPECT_EQ(error.code, 422);
  EXPECT_EQ(error.reason, "Invalid");
  EXPECT_EQ(error.message,
            "HelmRelease.helm.fluxcd.io \"x\" is invalid: spec.chart.version: Invalid value: \"integer\": "
            "spec.chart.version in body must be of type string: \"integer\"");
  EXPECT_EQ(error.details["kind"], "HelmRelease");
  EXPECT_EQ(error.details["group"], "helm.fluxcd.io");
  EXPECT_EQ(error.details["causes"],
            json::parse(R"([{"reason":"FieldValueTypeInvalid","field":"spec.chart.version",
              "message":"Invalid value: \"integer\": spec.chart.version in body must be of type string: \"integer\""}])"));
}

TEST(CrValidation, SeveralErrorsAreBracketed) {
  const json schema = specSchema({{"a", {{"type", "integer"}}}, {"b", {{"type", "boolean"}}}});
  const ApiError error = invalidObject("Widget.example.com", "x",
                                       validateCustomResource(resource({{"a", "1"}, {"b", "no"}}), schema));
  EXPECT_EQ(error.message,
            "Widget.example.com \"x\" is invalid: [spec.a: Invalid value: \"string\": spec.a in body must be of type "
            "integer: \"string\", spec.b: Invalid value: \"string\": spec.b in body must be of type boolean: "
            "\"string\"]");
}

TEST(CrValidation, RequiredEnumPatternAndBounds) {
  json spec = objectSchema({{"mode", {{"type", "string"}, {"enum", {"a", "b"}}}},
                            {"name", {{"type", "string"}, {"pattern", "^[a-z]+$"}, {"maxLength", 3}, {"minLength", 2}}},
                            {"count", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10}}},
                            {"ratio", {{"type", "number"}, {"exclusiveMaximum", true}, {"maximum", 1.5}}},
                            {"items", {{"type", "array"}, {"maxItems", 1}, {"items", {{"type", "string"}}}}},
                            {"tags", {{"type", "array"}, {"minItems", 2}, {"uniqueItems", true}, {"items", {{"type", "string"}}}}},
                            {"needed", {{"type", "string"}}}});
  spec["required"] = {"needed"};
  const json schema = specSchema(spec["properties"]);
  json withRequired = schema;
  withRequired["properties"]["spec"]["required"] = {"needed"};
  EXPECT_EQ(bodies(resource({{"mode", "c"},
                             {"name", "ABCD"},
                             {"count", 11},
                             {"ratio", 1.5},
                             {"items", {"x", "y"}},
                             {"tags", {"t"}}}),
                   withRequired),
            (std::vector<std::string>{
                "spec.count: Invalid value: 11: spec.count in body should be less than or equal to 10",
                "spec.items: Too many: 2: must have at most 1 item",
                "spec.mode: Unsupported value: \"c\": supported values: \"a\", \"b\"",
                "spec.name: Too long: may not be more than 3 bytes",  // the first failing string check only
                "spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than 1.5",
                "spec.tags: Invalid value: 1: spec.tags in body should have at least 2 items",
                "spec.needed: Required value",
            }));
}

TEST(CrValidation, IntOrStringNullableAndFormats) {
  const json schema = specSchema({{"port", {{"x-kubernetes-int-or-string", true}}},
                                  {"maybe", {{"type", "string"}, {"nullable", true}}},
                                  {"list", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                                  {"when", {{"type", "string"}, {"format", "date-time"}}},
                                  {"size", {{"type", "integer"}, {"format", "int32"}}}});
  EXPECT_TRUE(bodies(resource({{"port", 80}, {"maybe", nullptr}, {"when", "2024-01-02T03:04:05Z"}, {"size", 2.0}}),
                     schema)
                  .empty());
  EXPECT_EQ(bodies(resource({{"port", {{"a", 1}}}, {"list", {nullptr}}, {"when", "yesterday"}, {"size", 2.5}}), schema),
            (std::vector<std::string>{
                "spec.list[0]: Invalid value: \"null\": spec.list[0] in body must be of type string: \"null\"",
                "spec.port: Invalid value: \"object\": spec.port in body must be of type integer,string: \"object\"",
                "spec.size: Invalid value: \"float64\": spec.size in body must be of type int32: \"float64\"",
                "spec.when: Invalid value: \"yesterday\": spec.when in body must be of type date-time: \"yesterday\"",
            }));
}

TEST(CrValidation, ListTypeMapAndSetRejectDuplicates) {
  const json schema = specSchema(
      {{"ports",
        {{"type", "array"},
         {"x-kubernetes-list-type", "map"},
         {"x-kubernetes-list-map-keys", {"name"}},
         {"items", objectSchema({{"name", {{"type", "string"}}}, {"port", {{"type", "integer"}}}})}}},
       {"names", {{"type", "array"}, {"x-kubernetes-list-type", "set"}, {"items", {{"type", "string"}}}}}});
  EXPECT_EQ(bodies(resource({{"ports", {{{"name", "a"}, {"port", 1}}, {{"name", "a"}, {"port", 2}}}},
                             {"names", {"x", "x"}}}),
                   schema),
            (std::vector<std::string>{
                "spec.names[1]: Duplicate value: \"x\"",
                "spec.ports[1]: Duplicate value: map[string]interface {}{\"name\":\"a\"}",
            }));
}

json withJunctor(json spec, const char* junctor, json alternatives) {
  spec[junctor] = std::move(alternatives);
  return objectSchema({{"apiVersion", {{"type", "string"}}}, {"kind", {{"type", "string"}}},
                       {"metadata", {{"type", "object"}}}, {"spec", std::move(spec)}});
}

json requiring(const char* field) { return {{"required", {field}}}; }

TEST(CrValidation, OneOfNeedsExactlyOneAlternative) {
  const json spec = objectSchema({{"a", {{"type", "string"}}}, {"b", {{"type", "string"}}}});
  const json schema = withJunctor(spec, "oneOf", {requiring("a"), requiring("b")});
  EXPECT_TRUE(bodies(resource({{"a", "x"}}), schema).empty());
  EXPECT_EQ(bodies(resource(json::object()), schema),
            (std::vector<std::string>{
                "<nil>: Invalid value: \"\": \"spec\" must validate one and only one schema (oneOf). Found none valid",
                "spec.a: Required value",
            }));
  EXPECT_EQ(bodies(resource({{"a", "x"}, {"b", "y"}}), schema),
            (std::vector<std::string>{
                "<nil>: Invalid value: \"\": \"spec\" must validate one and only one schema (oneOf). Found 2 valid "
                "alternatives",
            }));
  const ApiError error = invalidObject("Widget.example.com", "x", validateCustomResource(resource({{"a", "x"}, {"b", "y"}}), schema));
  EXPECT_EQ(error.details["causes"][0]["field"], "<nil>");
  EXPECT_EQ(error.details["causes"][0]["reason"], "FieldValueInvalid");
}

TEST(CrValidation, OneOfReportsTheAlternativeWithMostMatches) {
  // The second alternative checks more (a's type and pattern), so its errors are the ones reported.
  const json spec = objectSchema({{"a", {{"type", "string"}}}});
  const json schema = withJunctor(
      spec, "oneOf", {requiring("b"), {{"properties", {{"a", {{"pattern", "^z"}}}}}, {"required", {"c"}}}});
  EXPECT_EQ(bodies(resource({{"a", "s"}}), schema),
            (std::vector<std::string>{
                "<nil>: Invalid value: \"\": \"spec\" must validate one and only one schema (oneOf). Found none valid",
                "spec.a: Invalid value: \"s\": spec.a in body should match '^z'",
                "spec.c: Required value",
            }));
}

TEST(CrValidation, AnyOfOnIntOrStringReportsTheFirstBestAlternative) {
  const json schema = specSchema(
      {{"port", {{"x-kubernetes-int-or-string", true}, {"anyOf", {{{"type", "integer"}}, {{"type", "string"}}}}}}});
  EXPECT_TRUE(bodies(resource({{"port", "http"}}), schema).empty());
  EXPECT_EQ(bodies(resource({{"port", true}}), schema),
            (std::vector<std::string>{
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"",
                "<nil>: Invalid value: \"\": \"spec.port\" must validate at least one schema (anyOf)",
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer: \"boolean\"",
            }));
}

TEST(CrValidation, AllOfAndNot) {
  const json spec = objectSchema({{"a", {{"type", "string"}}}, {"b", {{"type", "string"}}}});
  const json allOf = withJunctor(spec, "allOf", {requiring("a"), requiring("b")});
  EXPECT_EQ(bodies(resource(json::object()), allOf),
            (std::vector<std::string>{
                "spec.a: Required value",
                "spec.b: Required value",
                "<nil>: Invalid value: \"\": \"spec\" must validate all the schemas (allOf). None validated",
            }));
  EXPECT_EQ(bodies(resource({{"a", "x"}}), allOf),
            (std::vector<std::string>{
                "spec.b: Required value",
                "<nil>: Invalid value: \"\": \"spec\" must validate all the schemas (allOf)",
            }));
  json notSchema = spec;
  notSchema["not"] = requiring("b");
  const json withNot = withJunctor(notSchema, "anyOf", {requiring("a")});
  EXPECT_TRUE(bodies(resource({{"a", "x"}}), withNot).empty());
  EXPECT_EQ(bodies(resource({{"a", "x"}, {"b", "y"}}), withNot),
            (std::vector<std::string>{"<nil>: Invalid value: \"\": \"spec\" must not validate the schema (not)"}));
}

TEST(CrValidation, PatternsAreGoRegexpsThroughRe2) {
  const json schema = specSchema({{"upper", {{"type", "string"}, {"pattern", "^\\p{Lu}+$"}}},
                                  {"caseless", {{"type", "string"}, {"pattern", "(?i)^abc\\z"}}}});
  EXPECT_TRUE(bodies(resource({{"upper", "ÄB"}, {"caseless", "ABC"}}), schema).empty());
  EXPECT_EQ(bodies(resource({{"upper", "ab"}, {"caseless", "abcd"}}), schema),
            (std::vector<std::string>{
                "spec.caseless: Invalid value: \"abcd\": spec.caseless in body should match '(?i)^abc\\z'",
                "spec.upper: Invalid value: \"ab\": spec.upper in body should match '^\\p{Lu}+$'",
            }));
}

TEST(CrValidation, ListMapWithSeveralKeysReportsEachDuplicateOnce) {
  const json schema = specSchema(
      {{"ports",
        {{"type", "array"},
         {"x-kubernetes-list-type", "map"},
         {"x-kubernetes-list-map-keys", {"name", "protocol"}},
         {"items", objectSchema({{"name", {{"type", "string"}}}, {"protocol", {{"type", "string"}}}})}}},
       {"byName", {{"type", "object"},
                   {"additionalProperties",
                    {{"type", "array"}, {"x-kubernetes-list-type", "set"}, {"items", {{"type", "string"}}}}}}}});
  const json tcp = {{"name", "a"}, {"protocol", "TCP"}};
  EXPECT_EQ(bodies(resource({{"ports", {tcp, {{"name", "a"}, {"protocol", "UDP"}}, tcp, tcp}},
                             {"byName", {{"k", {"x", "x"}}}}}),
                   schema),
            (std::vector<std::string>{
                "spec.byName[k][1]: Duplicate value: \"x\"",
                "spec.ports[2]: Duplicate value: map[string]interface {}{\"name\":\"a\", \"protocol\":\"TCP\"}",
            }));
}

TEST(CrPruning, DropsUndeclaredFieldsAndKeepsPreservedOnes) {
  json schema = specSchema({{"known", {{"type", "string"}}},
                            {"values", {{"type", "object"}, {"x-kubernetes-preserve-unknown-fields", true}}},
                            {"labels", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}},
                            {"list", {{"type", "array"}, {"items", objectSchema({{"a", {{"type", "string"}}}})}}}});
  json object = resource({{"known", "k"},
                          {"unknown", 1},
                          {"values", {{"anything", {{"deep", true}}}}},
                          {"labels", {{"x", "y"}}},
                          {"list", {{{"a", "1"}, {"b", "2"}}}}});
  object["status"] = {{"phase", "x"}};
  const std::vector<std::string> dropped = pruneUnknownFields(object, schema);
  EXPECT_EQ(dropped, (std::vector<std::string>{"spec.list[0].b", "spec.unknown", "status"}));
  EXPECT_EQ(object["spec"], json::parse(R"({"known":"k","values":{"anything":{"deep":true}},"labels":{"x":"y"},
                                             "list":[{"a":"1"}]})"));
  EXPECT_EQ(object["metadata"]["name"], "x");
}

TEST(CrPruning, EmbeddedResourceKeepsItsTypeAndMetadata) {
  const json schema = specSchema(
      {{"template", {{"type", "object"}, {"x-kubernetes-embedded-resource", true}, {"properties", json::object()}}}});
  json object = resource({{"template", {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", "p"}}}, {"x", 1}}}});
  EXPECT_EQ(pruneUnknownFields(object, schema), (std::vector<std::string>{"spec.template.x"}));
  EXPECT_EQ(object["spec"]["template"], json::parse(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}})"));
}

TEST(CrDefaulting, FillsAbsentAndNullFieldsAndDropsOtherNulls) {
  const json schema = specSchema({{"replicas", {{"type", "integer"}, {"default", 1}}},
                                  {"mode", {{"type", "string"}, {"default", "auto"}}},
                                  {"note", {{"type", "string"}}},
                                  {"keep", {{"type", "string"}, {"nullable", true}}},
                                  {"items", {{"type", "array"}, {"items", objectSchema({{"on", {{"type", "boolean"}, {"default", true}}}})}}}});
  json object = resource({{"mode", nullptr}, {"note", nullptr}, {"keep", nullptr}, {"items", {json::object()}}});
  applySchemaDefaults(object, schema);
  EXPECT_EQ(object["spec"], json::parse(R"({"replicas":1,"mode":"auto","keep":null,"items":[{"on":true}]})"));
}

}  // namespace
}  // namespace ho::kube
