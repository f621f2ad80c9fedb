// A compiled values.schema.json: one SchemaNode per (sub)schema, holding the
// keywords gojsonschema understands in the form its validator uses them.
// compileSchema (schema_compile.cpp) builds the tree, validateDocument
// (schema_walk.cpp) walks it over a values document.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <re2/re2.h>

#include "core/error.h"
#include "core/value.h"

namespace ho::chart {

// The JSON Schema draft a schema is read as; without a known "$schema" it is
// Hybrid, which accepts the keywords of every draft (gojsonschema's default).
enum class SchemaDraft : int { Draft4 = 4, Draft6 = 6, Draft7 = 7, Hybrid = 1 << 30 };

struct SchemaNode;

// additionalProperties / additionalItems: absent, a boolean, or a schema.
using SchemaOrFlag = std::variant<std::monostate, bool, const SchemaNode*>;

// A number keyword as a float64 (for comparing and printing) and the exact
// decimal text Go's encoding/json would print for it (for multipleOf).
struct SchemaNumber {
  double value = 0;
  std::string text;
};

struct PatternProperty {
  std::string pattern;
  std::shared_ptr<const re2::RE2> regex;
  const SchemaNode* schema = nullptr;
};

struct SchemaNode {
  std::optional<bool> pass;              // a boolean schema (draft 6+): true or false
  const SchemaNode* ref = nullptr;       // "$ref": validation goes there, siblings are ignored
  std::vector<std::string> types;        // "type", in the order written

  // objects
  std::vector<std::pair<std::string, const SchemaNode*>> properties;  // sorted by name
  std::vector<PatternProperty> patternProperties;                     // sorted by pattern
  SchemaOrFlag additionalProperties;
  const SchemaNode* propertyNames = nullptr;
  // "dependencies": a list of required names or a schema, per property name.
  std::map<std::string, std::variant<std::vector<std::string>, const SchemaNode*>> dependencies;
  std::vector<std::string> required;
  std::optional<int> minProperties, maxProperties;

  // arrays
  std::vector<const SchemaNode*> items;
  bool itemsIsSingleSchema = false;
  SchemaOrFlag additionalItems;
  std::optional<int> minItems, maxItems;
  bool uniqueItems = false;
  const SchemaNode* contains = nullptr;

  // numbers
  std::optional<SchemaNumber> multipleOf, minimum, maximum, exclusiveMinimum, exclusiveMaximum;

  // strings
  std::optional<int> minLength, maxLength;
  std::shared_ptr<const re2::RE2> pattern;
  std::string patternText;
  std::string format;

  // any type: canonical JSON of "const" and of each "enum" member
  std::optional<std::string> constJson;
  std::vector<std::string> enumJson;

  // combinators
  std::vector<const SchemaNode*> allOf, anyOf, oneOf;
  const SchemaNode* notSchema = nullptr;
  const SchemaNode* ifSchema = nullptr;
  const SchemaNode* thenSchema = nullptr;
  const SchemaNode* elseSchema = nullptr;
};

// The compiled tree; nodes point into `nodes`, so a CompiledSchema is moved, never copied.
struct CompiledSchema {
  std::deque<SchemaNode> nodes;
  const SchemaNode* root = nullptr;

  CompiledSchema() = default;
  CompiledSchema(CompiledSchema&&) = default;
  CompiledSchema& operator=(CompiledSchema&&) = default;
  CompiledSchema(const CompiledSchema&) = delete;
  CompiledSchema& operator=(const CompiledSchema&) = delete;
};

// gojsonschema's NewSchema over a decoded schema document: an error with the
// library's wording ("schema is invalid", "minLength must be of an integer",
// "Reference x must be canonical", ...) when the schema cannot be compiled.
Result<CompiledSchema> compileSchema(const Value& document);

// One validation failure: the JSON context ("(root).a.0") and the description.
struct SchemaViolation {
  std::string context;
  std::string description;
  // Helm's line text without the "- ": the field ("a.0", or "(root)") and the description.
  std::string line() const;
};

// gojsonschema's Schema.Validate: every violation, in the library's order.
std::vector<SchemaViolation> validateDocument(const CompiledSchema& schema, const Value& document);

}  // namespace ho::chart
