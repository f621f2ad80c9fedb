// Custom resource validation: a walk over the value and its structural
// schema in kube-openapi's validator order (type, anyOf/oneOf/allOf/not,
// string, format, number, array, enum, object), patterns matched as Go's
// regexp (RE2), reporting field errors the way apiextensions-apiserver
// converts kube-openapi's.
#include "kube/server/cr_validation.h"
#include "kube/server/cr_schema_member.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include <re2/re2.h>

#include "core/go_float.h"

namespace ho::kube {
namespace {

using nlohmann::json;

const char* kIn = " in body ";

// The JSON Schema type Go's decoder gives a value: int64 → integer,
// float64 → number.
std::string typeOf(const json& value) {
  if (value.is_boolean()) return "boolean";
  if (value.is_string()) return "string";
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  if (value.is_array()) return "array";
  if (value.is_object()) return "object";
  return "null";
}

// Go's %#v of a decoded JSON value.
std::string goSyntax(const json& value) {
  if (value.is_null()) return "interface {}(nil)";
  if (value.is_number_float()) return formatGoFloat(value.get<double>(), 'g', -1);
  if (value.is_array()) {
    std::string text = "[]interface {}{";
    for (size_t i = 0; i < value.size(); ++i) text += (i ? ", " : "") + goSyntax(value[i]);
    return text + "}";
  }
  if (value.is_object()) {
    std::string text = "map[string]interface {}{";
    bool first = true;
    for (const auto& [key, member] : value.items()) {  // nlohmann keeps keys sorted, like %#v
      text += (first ? "" : ", ") + json(key).dump() + ":" + goSyntax(member);
      first = false;
    }
    return text + "}";
  }
  return value.dump();
}

// How field.Error prints a bad value: %v for numbers and booleans, %q for
// strings, "null" for nil, %#v otherwise.
std::string badValue(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_number_float()) return formatGoFloat(value.get<double>(), 'g', -1);
  if (value.is_primitive()) return value.dump();
  return goSyntax(value);
}

std::string goNumber(double number) { return formatGoFloat(number, 'g', -1); }

std::string fieldOf(const std::string& name) {
  if (name.empty() || name == ".") return "";
  return name[0] == '.' ? name.substr(1) : name;
}

size_t runeCount(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A pattern compiled as Go's regexp (RE2 syntax), shared: CRD schemas
// repeat them on every write. Never null; check ok().
const re2::RE2& compiledPattern(const std::string& pattern) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<re2::RE2>> cache;
  std::lock_guard lock(mutex);
  std::unique_ptr<re2::RE2>& compiled = cache[pattern];
  if (!compiled) {
    re2::RE2::Options options;
    options.set_log_errors(false);
    compiled = std::make_unique<re2::RE2>(pattern, options);
  }
  return *compiled;
}

// The compiled pattern of a format kube-apiserver checks; null for formats
// it does not know (which are not checked).
const re2::RE2* formatPattern(const std::string& format) {
  static const std::string dateTime = R"(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))";
  static const std::map<std::string, std::string> formats = {
      {"date-time", dateTime},
      {"datetime", dateTime},
      {"date", R"(\d{4}-\d{2}-\d{2})"},
      {"byte", R"(([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)"},
      {"uuid", R"([0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})"},
      {"ipv4", R"(((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))"},
      {"ipv6", R"([0-9a-fA-F:.]*:[0-9a-fA-F:.]*)"},
      {"hostname", R"([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)"},
  };
  const auto found = formats.find(format);
  return found == formats.end() ? nullptr : &compiledPattern(found->second);
}

std::vector<std::string> schemaTypes(const json& schema) {
  if (schema.value("x-kubernetes-int-or-string", false)) return {"integer", "string"};
  const std::string type = schema.value("type", "");
  if (type.empty()) return {};
  return {type};
}

// Whether kube-openapi's type validator applies: a type or a format is set.
bool constrainsType(const json& schema) {
  for (const char* key : {"type", "format"}) {
    const auto found = schema.find(key);
    if (found != schema.end() && found->is_string() && !found->get_ref<const std::string&>().empty()) return true;
  }
  return schema.value("x-kubernetes-int-or-string", false);
}

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

// What validating a value against a schema gave: its field errors and
// kube-openapi's match count (how many checks applied and passed), which
// picks the alternative whose errors anyOf and oneOf report.
struct Outcome {
  std::vector<FieldError> errors;
  int matchCount = 0;

  bool valid() const { return errors.empty(); }
  // Result.Merge: errors already reported (same field and text) are kept once.
  void merge(Outcome other) {
    for (FieldError& error : other.errors) {
      const bool reported = std::any_of(errors.begin(), errors.end(), [&](const FieldError& seen) {
        return seen.field == error.field && seen.body == error.body;
      });
      if (!reported) errors.push_back(std::move(error));
    }
    matchCount += other.matchCount;
  }
  // One check that applied: its outcome, and one more match.
  void step(Outcome check) {
    merge(std::move(check));
    ++matchCount;
  }
};

Outcome failed(std::string type, const std::string& name, std::string body) {
  return {{{std::move(type), fieldOf(name), std::move(body)}}, 0};
}

// field.TypeInvalid for kube-openapi's InvalidType(name, in, typeName, valueText).
Outcome typeError(const std::string& name, const std::string& typeName, const std::string& valueText) {
  return failed("FieldValueTypeInvalid", name,
                "Invalid value: " + json(valueText).dump() + ": " + name + kIn + "must be of type " + typeName + ": " +
                    json(valueText).dump());
}

// field.Invalid(value, detail) for the other kube-openapi failures.
Outcome invalidValue(const std::string& name, const std::string& valueText, const std::string& detail) {
  return failed("FieldValueInvalid", name, "Invalid value: " + valueText + ": " + name + kIn + detail);
}

// The errors of the allOf/anyOf/oneOf/not checks carry no field: they
// become field.Invalid on the nil path (printed "<nil>") with the value "".
FieldError junctorError(const std::string& name, const std::string& text) {
  return {"FieldValueInvalid", "<nil>", "Invalid value: \"\": " + json(name).dump() + " " + text};
}

class Validator {
 public:
  // SchemaValidator.Validate: the checks in kube-openapi's order (type,
  // allOf/anyOf/oneOf/not, string, format, number, array, enum, object).
  Outcome validate(const json& value, const json& schema, const std::string& name) const {
    Outcome outcome;
    if (!schema.is_object()) return outcome;
    if (value.is_null()) {
      outcome.merge(checkNull(schema, name));
      outcome.merge(checkEnum(value, schema, name));
      return outcome;
    }
    if (constrainsType(schema)) outcome.step(checkType(value, schema, name));
    outcome.step(checkJunctors(value, schema, name));
    if (value.is_string()) {
      const std::string& text = value.get_ref<const std::string&>();
      outcome.step(checkString(text, schema, name));
      const std::string format = schema.value("format", "");
      if (const re2::RE2* pattern = formatPattern(format)) outcome.step(checkFormat(text, *pattern, format, name));
    }
    if (value.is_number()) outcome.step(checkNumber(value, schema, name));
    if (value.is_array()) outcome.step(checkArray(value, schema, name));
    outcome.step(checkEnum(value, schema, name));
    if (value.is_object()) outcome.step(checkObject(value, schema, name));
    ++outcome.matchCount;
    return outcome;
  }

  // x-kubernetes-list-type set/map: duplicates, reported with field.Path
  // names (additionalProperties members as [key]).
  void validateListTypes(const json& value, const json& schema, const std::string& path,
                         std::vector<FieldError>& errors) const {
    if (!schema.is_object()) return;
    if (value.is_array()) {
      checkListType(value, schema, path, errors);
      for (size_t i = 0; i < value.size(); ++i) {
        validateListTypes(value[i], schemaMember(schema, "items"), path + "[" + std::to_string(i) + "]", errors);
      }
    } else if (value.is_object()) {
      const json& properties = schemaMember(schema, "properties");
      const json& additional = schemaMember(schema, "additionalProperties");
      for (const auto& [key, member] : value.items()) {
        if (additional.is_object()) validateListTypes(member, additional, path + "[" + key + "]", errors);
        if (properties.contains(key)) validateListTypes(member, properties[key], path.empty() ? key : path + "." + key, errors);
      }
    }
  }

 private:
  Outcome checkNull(const json& schema, const std::string& name) const {
    const std::vector<std::string> types = schemaTypes(schema);
    if (types.empty() || schema.value("nullable", false)) return {{}, 1};
    return typeError(name, joined(types, ","), "null");
  }

  Outcome checkType(const json& value, const json& schema, const std::string& name) const {
    const std::vector<std::string> types = schemaTypes(schema);
    const auto allows = [&](const std::string& type) { return std::find(types.begin(), types.end(), type) != types.end(); };
    const std::string actual = typeOf(value);
    const std::string actualFormat = actual == "integer" ? "int64" : actual == "number" ? "float64" : "";
    const std::string format = schema.value("format", "");
    const bool floatInt = actual == "number" && allows("integer") && std::trunc(value.get<double>()) == value.get<double>();
    const bool intFloat = actual == "integer" && allows("number");
    const bool textual = value.is_string() || value.is_array();
    if (!textual && !format.empty() && !(allows(actual) || actualFormat == format || floatInt || intFloat)) {
      return typeError(name, format, actualFormat);
    }
    if (!allows("number") && !allows("integer") && !format.empty() && textual) return {{}, 1};
    if (!(allows(actual) || floatInt || intFloat)) return typeError(name, joined(types, ","), actual);
    return {{}, 1};
  }

  // schemaPropsValidator: anyOf, oneOf, allOf, not.
  Outcome checkJunctors(const json& value, const json& schema, const std::string& name) const {
    Outcome outcome;
    if (const json& anyOf = schemaMember(schema, "anyOf"); anyOf.is_array() && !anyOf.empty()) {
      std::optional<Outcome> best;
      for (const json& member : anyOf) {
        Outcome alternative = validate(value, member, name);
        if (alternative.valid()) {
          best = std::move(alternative);
          break;
        }
        if (!best || alternative.matchCount > best->matchCount) best = std::move(alternative);
      }
      if (!best->valid()) outcome.errors.push_back(junctorError(name, "must validate at least one schema (anyOf)"));
      outcome.merge(std::move(*best));
    }
    if (const json& oneOf = schemaMember(schema, "oneOf"); oneOf.is_array() && !oneOf.empty()) {
      std::optional<Outcome> best;
      std::optional<Outcome> firstValid;
      int validCount = 0;
      for (const json& member : oneOf) {
        Outcome alternative = validate(value, member, name);
        if (alternative.valid()) {
          ++validCount;
          best.reset();
          if (!firstValid) firstValid = std::move(alternative);
        } else if (validCount == 0 && (!best || alternative.matchCount > best->matchCount)) {
          best = std::move(alternative);
        }
      }
      if (validCount != 1) {
        const std::string found = validCount == 0 ? "Found none valid" : "Found " + std::to_string(validCount) + " valid alternatives";
        outcome.errors.push_back(junctorError(name, "must validate one and only one schema (oneOf). " + found));
        if (best) outcome.merge(std::move(*best));
      } else {
        outcome.merge(std::move(*firstValid));
      }
    }
    if (const json& allOf = schemaMember(schema, "allOf"); allOf.is_array() && !allOf.empty()) {
      size_t validCount = 0;
      for (const json& member : allOf) {
        Outcome part = validate(value, member, name);
        if (part.valid()) ++validCount;
        outcome.merge(std::move(part));
      }
      if (validCount != allOf.size()) {
        outcome.merge({{junctorError(name, std::string("must validate all the schemas (allOf)") +
                                               (validCount == 0 ? ". None validated" : ""))},
                       0});
      }
    }
    if (const json& notSchema = schemaMember(schema, "not"); notSchema.is_object()) {
      if (validate(value, notSchema, name).valid()) {
        outcome.merge({{junctorError(name, "must not validate the schema (not)")}, 0});
      }
    }
    ++outcome.matchCount;
    return outcome;
  }

  // The first failing check of maxLength, minLength, pattern.
  Outcome checkString(const std::string& text, const json& schema, const std::string& name) const {
    if (schema.contains("maxLength") && runeCount(text) > schema["maxLength"].get<size_t>()) {
      return failed("FieldValueTooLong", name,
                    "Too long: may not be more than " + std::to_string(schema["maxLength"].get<int64_t>()) + " bytes");
    }
    if (schema.contains("minLength") && runeCount(text) < schema["minLength"].get<size_t>()) {
      return invalidValue(name, json(text).dump(),
                     "should be at least " + std::to_string(schema["minLength"].get<int64_t>()) + " chars long");
    }
    if (const auto found = schema.find("pattern"); found != schema.end() && found->is_string()) {
      const std::string& pattern = found->get_ref<const std::string&>();
      const re2::RE2& compiled = compiledPattern(pattern);
      if (!compiled.ok()) {
        return invalidValue(name, json(text).dump(),
                       "should match '" + pattern + ", but pattern is invalid: error parsing regexp: " + compiled.error() + "'");
      }
      if (!re2::RE2::PartialMatch(text, compiled)) return invalidValue(name, json(text).dump(), "should match '" + pattern + "'");
    }
    return {};
  }

  Outcome checkFormat(const std::string& text, const re2::RE2& pattern, const std::string& format,
                      const std::string& name) const {
    if (re2::RE2::FullMatch(text, pattern)) return {};
    return typeError(name, format, text);
  }

  Outcome checkNumber(const json& value, const json& schema, const std::string& name) const {
    Outcome outcome;
    const double number = value.get<double>();
    if (schema.contains("multipleOf")) {
      const double factor = schema["multipleOf"].get<double>();
      if (factor > 0 && std::fmod(number, factor) != 0) {
        outcome.merge(invalidValue(name, badValue(value), "should be a multiple of " + goNumber(factor)));
      }
    }
    if (schema.contains("maximum")) {
      const double maximum = schema["maximum"].get<double>();
      const bool exclusive = schema.value("exclusiveMaximum", false);
      if (exclusive ? number >= maximum : number > maximum) {
        outcome.merge(invalidValue(name, badValue(value),
                              std::string(exclusive ? "should be less than " : "should be less than or equal to ") +
                                  goNumber(maximum)));
      }
    }
    if (schema.contains("minimum")) {
      const double minimum = schema["minimum"].get<double>();
      const bool exclusive = schema.value("exclusiveMinimum", false);
      if (exclusive ? number <= minimum : number < minimum) {
        outcome.merge(invalidValue(name, badValue(value),
                              std::string(exclusive ? "should be greater than " : "should be greater than or equal to ") +
                                  goNumber(minimum)));
      }
    }
    ++outcome.matchCount;
    return outcome;
  }

  Outcome checkArray(const json& value, const json& schema, const std::string& name) const {
    Outcome outcome;
    if (schema.contains("items")) {
      for (size_t i = 0; i < value.size(); ++i) {
        outcome.merge(validate(value[i], schema["items"], name + "[" + std::to_string(i) + "]"));
      }
    }
    outcome.merge(checkCount(value, schema, name, "minItems", "maxItems", "items"));
    if (schema.value("uniqueItems", false)) {
      std::set<std::string> seen;
      for (const json& item : value) {
        if (!seen.insert(item.dump()).second) {
          outcome.merge(invalidValue(name, "\"\"", "shouldn't contain duplicates"));
          break;
        }
      }
    }
    ++outcome.matchCount;
    return outcome;
  }

  // minItems/maxItems of an array, minProperties/maxProperties of an object:
  // too few is kube-openapi's message, too many field.TooMany's.
  Outcome checkCount(const json& value, const json& schema, const std::string& name, const char* minimumKey,
                     const char* maximumKey, const std::string& noun) const {
    Outcome outcome;
    const auto count = static_cast<int64_t>(value.size());
    if (schema.contains(minimumKey) && count < schema[minimumKey].get<int64_t>()) {
      outcome.merge(invalidValue(name, std::to_string(count),
                            "should have at least " + std::to_string(schema[minimumKey].get<int64_t>()) + " " + noun));
    }
    if (schema.contains(maximumKey) && count > schema[maximumKey].get<int64_t>()) {
      const int64_t maximum = schema[maximumKey].get<int64_t>();
      outcome.merge(failed("FieldValueTooMany", name,
                           "Too many: " + std::to_string(count) + ": must have at most " + std::to_string(maximum) +
                               (maximum == 1 ? " item" : " items")));
    }
    return outcome;
  }

  Outcome checkEnum(const json& value, const json& schema, const std::string& name) const {
    if (!schema.contains("enum") || !schema["enum"].is_array() || schema["enum"].empty()) return {};
    const json& allowed = schema["enum"];
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return {};
    std::string supported;
    for (const json& option : allowed) {
      supported += (supported.empty() ? "" : ", ") + json(option.is_string() ? option.get<std::string>() : option.dump()).dump();
    }
    return failed("FieldValueNotSupported", name, "Unsupported value: " + badValue(value) + ": supported values: " + supported);
  }

  Outcome checkObject(const json& value, const json& schema, const std::string& name) const {
    Outcome outcome = checkCount(value, schema, name, "minProperties", "maxProperties", "properties");
    const json& properties = schemaMember(schema, "properties");
    const json& additional = schemaMember(schema, "additionalProperties");
    if (additional.is_object()) {
      for (const auto& [key, member] : value.items()) {
        if (!properties.contains(key)) outcome.merge(validate(member, additional, name + "." + key));
      }
    }
    for (const auto& [key, propertySchema] : properties.items()) {
      if (value.contains(key)) outcome.merge(validate(value[key], propertySchema, name.empty() ? key : name + "." + key));
    }
    for (const json& required : schema.value("required", json::array())) {
      if (!required.is_string() || value.contains(required.get<std::string>())) continue;
      outcome.merge(failed("FieldValueRequired", name + "." + required.get<std::string>(), "Required value"));
    }
    return outcome;
  }

  // Go's validateListSet: the second appearance of a value is reported,
  // later ones are not; a list-type map compares its items' keys only.
  void checkListType(const json& list, const json& schema, const std::string& path,
                     std::vector<FieldError>& errors) const {
    const std::string listType = schema.value("x-kubernetes-list-type", "");
    if (listType != "set" && listType != "map") return;
    const json& keys = schemaMember(schema, "x-kubernetes-list-map-keys");
    std::map<std::string, int> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string index = path + "[" + std::to_string(i) + "]";
      json identity = list[i];
      if (listType == "map") {
        if (!list[i].is_object() && !list[i].is_null()) {
          errors.push_back({"FieldValueInvalid", index,
                            "Invalid value: " + badValue(list[i]) + ": must be an object for an array of list-type map"});
          return;
        }
        identity = json::object();
        for (const json& key : keys) {
          if (key.is_string() && list[i].is_object() && list[i].contains(key.get<std::string>())) {
            identity[key.get<std::string>()] = list[i][key.get<std::string>()];
          }
        }
      }
      if (++seen[identity.dump()] == 2) {
        errors.push_back({"FieldValueDuplicate", index, "Duplicate value: " + badValue(identity)});
      }
    }
  }
};

}  // namespace

std::vector<FieldError> validateCustomResource(const json& object, const json& schema) {
  const Validator validator{};
  std::vector<FieldError> errors = validator.validate(object, schema, "").errors;
  validator.validateListTypes(object, schema, "", errors);
  return errors;
}

ApiError invalidObject(const std::string& qualifiedKind, const std::string& name, const std::vector<FieldError>& errors) {
  ApiError error = invalid(qualifiedKind, name, "");
  json causes = json::array();
  std::vector<std::string> messages;
  for (const FieldError& fieldError : errors) {
    causes.push_back({{"reason", fieldError.type}, {"message", fieldError.body}, {"field", fieldError.field}});
    const std::string message = fieldError.field + ": " + fieldError.body;
    if (std::find(messages.begin(), messages.end(), message) == messages.end()) messages.push_back(message);
  }
  error.message.resize(error.message.size() - 2);  // invalid() ends with ": "
  if (!messages.empty()) {
    error.message += ": " + (messages.size() == 1 ? messages.front() : "[" + joined(messages, ", ") + "]");
  }
  error.details["causes"] = causes;
  return error;
}

}  // namespace ho::kube
