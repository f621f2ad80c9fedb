// validateDocument: gojsonschema's validation walk. Errors come out in the
// library's order (type, then combinators, then the keywords of the value's
// kind, then the common ones, then properties; "format" is checked last among
// a string's or a number's keywords, as in gojsonschema v1.2.0, which Helm 3.17 uses), and each result keeps the
// library's score, which picks whose errors an anyOf/oneOf/contains failure
// reports. Go iterates maps in random order where the library ranges over
// them (additional properties, pattern properties, dependencies); we use
// sorted order, one of the orders Helm can print.
#include <algorithm>
#include <map>
#include <optional>

#include "chart/schema_format.h"
#include "chart/schema_node.h"
#include "chart/schema_number.h"
#include "core/go_utf8.h"

namespace ho::chart {
namespace {

constexpr std::string_view kRootContext = "(root)";

std::string fieldOf(const std::string& context) {
  std::string prefix = std::string(kRootContext) + ".";
  return context.rfind(prefix, 0) == 0 ? context.substr(prefix.size()) : context;
}

std::string childContext(const std::string& context, const std::string& name) { return context + "." + name; }

std::string typeList(const std::vector<std::string>& types) {
  if (types.size() == 1) return types[0];
  std::string out = "[";
  for (size_t i = 0; i < types.size(); ++i) out += (i ? "," : "") + types[i];
  return out + "]";
}

bool hasType(const SchemaNode& s, std::string_view type) {
  return std::find(s.types.begin(), s.types.end(), type) != s.types.end();
}

size_t runeCount(const std::string& text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) pos += utf8::decodeRune(std::string_view(text).substr(pos)).size;
  return count;
}

// One validation's errors and score (Result in the library).
struct Outcome {
  std::vector<SchemaViolation> errors;
  int score = 0;

  bool valid() const { return errors.empty(); }
  void add(const std::string& context, std::string description) {
    errors.push_back({context, std::move(description)});
    score -= 2;
  }
  void merge(Outcome&& other) {
    for (auto& e : other.errors) errors.push_back(std::move(e));
    score += other.score;
  }
};

// Deeper than any real values tree: only a $ref loop (which makes Go's
// validator overflow its stack) gets here.
constexpr int kMaxSchemaDepth = 2000;

class Walker {
 public:
  void validate(const SchemaNode& s, const Value& v, Outcome& r, const std::string& ctx) {
    if (depth_ >= kMaxSchemaDepth) {
      r.add(ctx, "schema nesting exceeds " + std::to_string(kMaxSchemaDepth) + " levels (a $ref loop?)");
      return;
    }
    ++depth_;
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    if (s.pass) {
      if (!*s.pass) r.add(ctx, "False always fails validation");
      return;
    }
    if (s.ref != nullptr) {
      validate(*s.ref, v, r, ctx);
      return;
    }
    std::string_view given = kindOf(v);
    bool typeOk = s.types.empty() || hasType(s, given) || (given == "integer" && hasType(s, "number"));
    if (!typeOk) {
      r.add(ctx, "Invalid type. Expected: " + typeList(s.types) + ", given: " + std::string(given));
      return;
    }
    combinators(s, v, r, ctx);
    if (v.isNumber()) numberKeywords(s, v, r, ctx);
    if (v.isList()) arrayKeywords(s, v.asList(), r, ctx);
    if (v.isMap()) objectKeywords(s, v.asMap(), r, ctx);
    commonKeywords(s, v, r, ctx);
    if (v.isString()) stringKeywords(s, v.asString(), r, ctx);
    if (v.isMap()) {
      for (const auto& [name, child] : s.properties) {
        if (const Value* value = v.find(name)) validate(*child, *value, r, childContext(ctx, name));
      }
    }
    ++r.score;
  }

  Outcome sub(const SchemaNode& s, const Value& v, const std::string& ctx) {
    Outcome r;
    validate(s, v, r, ctx);
    return r;
  }

 private:
  static std::string_view kindOf(const Value& v) {
    if (v.isNil()) return "null";
    if (v.isNumber()) return isIntegralNumber(v) ? "integer" : "number";
    if (v.isList()) return "array";
    if (v.isMap()) return "object";
    if (v.isBool()) return "boolean";
    return "string";
  }

  void combinators(const SchemaNode& s, const Value& v, Outcome& r, const std::string& ctx) {
    if (!s.anyOf.empty()) {
      std::optional<Outcome> best;
      bool matched = false;
      for (const SchemaNode* option : s.anyOf) {
        Outcome attempt = sub(*option, v, ctx);
        if (attempt.valid()) {
          matched = true;
          break;
        }
        if (!best || attempt.score > best->score) best = std::move(attempt);
      }
      if (!matched) {
        r.add(ctx, "Must validate at least one schema (anyOf)");
        r.merge(std::move(*best));
      }
    }
    if (!s.oneOf.empty()) {
      int matches = 0;
      std::optional<Outcome> best;
      for (const SchemaNode* option : s.oneOf) {
        Outcome attempt = sub(*option, v, ctx);
        if (attempt.valid()) {
          ++matches;
        } else if (matches == 0 && (!best || attempt.score > best->score)) {
          best = std::move(attempt);
        }
      }
      if (matches != 1) {
        r.add(ctx, "Must validate one and only one schema (oneOf)");
        if (matches == 0) r.merge(std::move(*best));
      }
    }
    if (!s.allOf.empty()) {
      size_t matches = 0;
      for (const SchemaNode* part : s.allOf) {
        Outcome attempt = sub(*part, v, ctx);
        if (attempt.valid()) ++matches;
        r.merge(std::move(attempt));
      }
      if (matches != s.allOf.size()) r.add(ctx, "Must validate all the schemas (allOf)");
    }
    if (s.notSchema != nullptr && sub(*s.notSchema, v, ctx).valid()) {
      r.add(ctx, "Must not validate the schema (not)");
    }
    if (!s.dependencies.empty() && v.isMap()) dependencies(s, v, r, ctx);
    if (s.ifSchema != nullptr) {
      bool condition = sub(*s.ifSchema, v, ctx).valid();
      const SchemaNode* branch = condition ? s.thenSchema : s.elseSchema;
      if (branch != nullptr) {
        Outcome attempt = sub(*branch, v, ctx);
        if (!attempt.valid()) {
          r.add(ctx, condition ? "Must validate \"then\" as \"if\" was valid"
                               : "Must validate \"else\" as \"if\" was not valid");
          r.merge(std::move(attempt));
        }
      }
    }
    ++r.score;
  }

  void dependencies(const SchemaNode& s, const Value& v, Outcome& r, const std::string& ctx) {
    for (const auto& [key, unused] : v.asMap()) {
      auto dependency = s.dependencies.find(key);
      if (dependency == s.dependencies.end()) continue;
      if (const auto* names = std::get_if<std::vector<std::string>>(&dependency->second)) {
        for (const std::string& name : *names) {
          if (v.find(name) == nullptr) r.add(ctx, "Has a dependency on " + name);
        }
      } else {
        validate(*std::get<const SchemaNode*>(dependency->second), v, r, ctx);
      }
    }
  }

  void commonKeywords(const SchemaNode& s, const Value& v, Outcome& r, const std::string& ctx) {
    if (s.constJson || !s.enumJson.empty()) {
      std::string json = canonicalJson(v);
      if (s.constJson && json != *s.constJson) r.add(ctx, fieldOf(ctx) + " does not match: " + *s.constJson);
      if (!s.enumJson.empty() && std::find(s.enumJson.begin(), s.enumJson.end(), json) == s.enumJson.end()) {
        std::string allowed;
        for (size_t i = 0; i < s.enumJson.size(); ++i) allowed += (i ? ", " : "") + s.enumJson[i];
        r.add(ctx, fieldOf(ctx) + " must be one of the following: " + allowed);
      }
    }
    ++r.score;
  }

  void formatKeyword(const SchemaNode& s, const Value& v, Outcome& r, const std::string& ctx) {
    if (!s.format.empty() && !matchesFormat(s.format, v)) {
      r.add(ctx, "Does not match format '" + s.format + "'");
    }
  }

  void arrayKeywords(const SchemaNode& s, const List& items, Outcome& r, const std::string& ctx) {
    if (s.itemsIsSingleSchema) {
      for (size_t i = 0; i < items.size(); ++i) {
        r.merge(sub(*s.items[0], items[i], childContext(ctx, std::to_string(i))));
      }
    } else if (!s.items.empty()) {
      size_t positional = std::min(s.items.size(), items.size());
      for (size_t i = 0; i < positional; ++i) {
        r.merge(sub(*s.items[i], items[i], childContext(ctx, std::to_string(i))));
      }
      if (s.items.size() < items.size()) {
        if (const bool* allowed = std::get_if<bool>(&s.additionalItems); allowed && !*allowed) {
          r.add(ctx, "No additional items allowed on array");
        } else if (const auto* extra = std::get_if<const SchemaNode*>(&s.additionalItems)) {
          for (size_t i = s.items.size(); i < items.size(); ++i) {
            r.merge(sub(**extra, items[i], childContext(ctx, std::to_string(i))));
          }
        }
      }
    }
    if (s.minItems && static_cast<int>(items.size()) < *s.minItems) {
      r.add(ctx, "Array must have at least " + std::to_string(*s.minItems) + " items");
    }
    if (s.maxItems && static_cast<int>(items.size()) > *s.maxItems) {
      r.add(ctx, "Array must have at most " + std::to_string(*s.maxItems) + " items");
    }
    if (s.uniqueItems) {
      std::map<std::string, size_t> lastIndex;
      for (size_t j = 0; j < items.size(); ++j) {
        std::string json = canonicalJson(items[j]);
        if (auto seen = lastIndex.find(json); seen != lastIndex.end()) {
          r.add(ctx, "array items[" + std::to_string(seen->second) + "," + std::to_string(j) + "] must be unique");
        }
        lastIndex[json] = j;
      }
    }
    if (s.contains != nullptr) {
      std::optional<Outcome> best;
      bool matched = false;
      for (size_t i = 0; i < items.size() && !matched; ++i) {
        Outcome attempt = sub(*s.contains, items[i], childContext(ctx, std::to_string(i)));
        if (attempt.valid()) {
          matched = true;
        } else if (!best || attempt.score > best->score) {
          best = std::move(attempt);
        }
      }
      if (!matched) {
        r.add(ctx, "At least one of the items must match");
        if (best) r.merge(std::move(*best));
      }
    }
    ++r.score;
  }

  void objectKeywords(const SchemaNode& s, const Map& object, Outcome& r, const std::string& ctx) {
    int size = static_cast<int>(object.size());
    if (s.minProperties && size < *s.minProperties) {
      r.add(ctx, "Must have at least " + std::to_string(*s.minProperties) + " properties");
    }
    if (s.maxProperties && size > *s.maxProperties) {
      r.add(ctx, "Must have at most " + std::to_string(*s.maxProperties) + " properties");
    }
    for (const std::string& name : s.required) {
      if (object.count(name) != 0) {
        ++r.score;
      } else {
        r.add(ctx, name + " is required");
      }
    }
    for (const auto& [name, value] : object) {
      bool declared = std::any_of(s.properties.begin(), s.properties.end(),
                                  [&key = name](const auto& p) { return p.first == key; });
      bool patterned = patternProperties(s, name, value, r, ctx);
      if (declared || patterned) continue;
      if (const bool* allowed = std::get_if<bool>(&s.additionalProperties); allowed && !*allowed) {
        r.add(ctx, "Additional property " + name + " is not allowed");
      } else if (const auto* extra = std::get_if<const SchemaNode*>(&s.additionalProperties)) {
        r.merge(sub(**extra, value, childContext(ctx, name)));
      }
    }
    if (s.propertyNames != nullptr) {
      for (const auto& [name, value] : object) {
        Outcome attempt = sub(*s.propertyNames, Value::string(name), ctx);
        if (!attempt.valid()) {
          r.add(ctx, "Property name of \"" + name + "\" does not match");
          r.merge(std::move(attempt));
        }
      }
    }
    ++r.score;
  }

  bool patternProperties(const SchemaNode& s, const std::string& name, const Value& value, Outcome& r,
                         const std::string& ctx) {
    bool matched = false;
    for (const PatternProperty& p : s.patternProperties) {
      if (!re2::RE2::PartialMatch(name, *p.regex)) continue;
      matched = true;
      r.merge(sub(*p.schema, value, childContext(ctx, name)));
    }
    if (matched) ++r.score;
    return matched;
  }

  void stringKeywords(const SchemaNode& s, const std::string& text, Outcome& r, const std::string& ctx) {
    if (s.minLength || s.maxLength) {
      int length = static_cast<int>(runeCount(text));
      if (s.minLength && length < *s.minLength) {
        r.add(ctx, "String length must be greater than or equal to " + std::to_string(*s.minLength));
      }
      if (s.maxLength && length > *s.maxLength) {
        r.add(ctx, "String length must be less than or equal to " + std::to_string(*s.maxLength));
      }
    }
    if (s.pattern && !re2::RE2::PartialMatch(text, *s.pattern)) {
      r.add(ctx, "Does not match pattern '" + s.patternText + "'");
    }
    formatKeyword(s, Value::string(text), r, ctx);
    ++r.score;
  }

  void numberKeywords(const SchemaNode& s, const Value& v, Outcome& r, const std::string& ctx) {
    double number = numberAsDouble(v);
    if (s.multipleOf && !isMultipleOf(jsonNumberText(v), s.multipleOf->text)) {
      r.add(ctx, "Must be a multiple of " + formatSchemaNumber(s.multipleOf->value));
    }
    if (s.maximum && number > s.maximum->value) {
      r.add(ctx, "Must be less than or equal to " + formatSchemaNumber(s.maximum->value));
    }
    if (s.exclusiveMaximum && number >= s.exclusiveMaximum->value) {
      r.add(ctx, "Must be less than " + formatSchemaNumber(s.exclusiveMaximum->value));
    }
    if (s.minimum && number < s.minimum->value) {
      r.add(ctx, "Must be greater than or equal to " + formatSchemaNumber(s.minimum->value));
    }
    if (s.exclusiveMinimum && number <= s.exclusiveMinimum->value) {
      r.add(ctx, "Must be greater than " + formatSchemaNumber(s.exclusiveMinimum->value));
    }
    formatKeyword(s, v, r, ctx);
    ++r.score;
  }

  int depth_ = 0;
};

}  // namespace

std::string SchemaViolation::line() const { return fieldOf(context) + ": " + description; }

std::vector<SchemaViolation> validateDocument(const CompiledSchema& schema, const Value& document) {
  Walker walker;
  Outcome outcome = walker.sub(*schema.root, document, std::string(kRootContext));
  return std::move(outcome.errors);
}

}  // namespace ho::chart
