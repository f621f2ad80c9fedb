// Custom resource validation: a walk over the value and its structural
// schema in kube-openapi's validator order (type, allOf, string, format,
// number, array, enum, object), reporting field errors the way
// apiextensions-apiserver converts kube-openapi's.
#include "kube/server/cr_validation.h"
#include "kube/server/cr_schema_member.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <regex>
#include <set>

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

// Compiled patterns, shared: CRD schemas repeat them on every write.
const std::regex* compiledPattern(const std::string& pattern) {
  static std::mutex mutex;
  static std::map<std::string, std::optional<std::regex>> cache;
  std::lock_guard lock(mutex);
  auto found = cache.find(pattern);
  if (found == cache.end()) {
    std::optional<std::regex> compiled;
    try {
      compiled.emplace(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
    }
    found = cache.emplace(pattern, std::move(compiled)).first;
  }
  return found->second ? &*found->second : nullptr;
}

bool matchesFormat(const std::string& format, const std::string& text) {
  static const std::map<std::string, std::regex> formats = {
      {"date-time", std::regex(R"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)")},
      {"datetime", std::regex(R"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)")},
      {"date", std::regex(R"(^\d{4}-\d{2}-\d{2}$)")},
      {"byte", std::regex(R"(^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$)")},
      {"uuid", std::regex(R"(^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$)")},
      {"ipv4", std::regex(R"(^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$)")},
      {"ipv6", std::regex(R"(^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$)")},
      {"hostname", std::regex(R"(^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$)")},
  };
  const auto found = formats.find(format);
  return found == formats.end() || std::regex_match(text, found->second);
}

std::vector<std::string> schemaTypes(const json& schema) {
  if (schema.value("x-kubernetes-int-or-string", false)) return {"integer", "string"};
  const std::string type = schema.value("type", "");
  if (type.empty()) return {};
  return {type};
}

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

class Validator {
 public:
  explicit Validator(std::vector<FieldError>& errors) : errors_(errors) {}

  void validate(const json& value, const json& schema, const std::string& name) {
    if (!schema.is_object()) return;
    if (value.is_null()) {
      checkNull(schema, name);
      checkEnum(value, schema, name);
      return;
    }
    checkType(value, schema, name);
    for (const json& member : schema.value("allOf", json::array())) validate(value, member, name);
    if (value.is_string()) checkString(value.get<std::string>(), schema, name);
    if (value.is_number()) checkNumber(value, schema, name);
    if (value.is_array()) checkArray(value, schema, name);
    checkEnum(value, schema, name);
    if (value.is_object()) checkObject(value, schema, name);
  }

  // x-kubernetes-list-type set/map: duplicates, reported with field.Path names.
  void validateListTypes(const json& value, const json& schema, const std::string& path) {
    if (!schema.is_object()) return;
    if (value.is_array()) {
      checkListType(value, schema, path);
      for (size_t i = 0; i < value.size(); ++i) {
        validateListTypes(value[i], schemaMember(schema, "items"), path + "[" + std::to_string(i) + "]");
      }
    } else if (value.is_object()) {
      const json& properties = schemaMember(schema, "properties");
      const json& additional = schemaMember(schema, "additionalProperties");
      for (const auto& [key, member] : value.items()) {
        const std::string child = path.empty() ? key : path + "." + key;
        if (properties.contains(key)) {
          validateListTypes(member, properties[key], child);
        } else if (additional.is_object()) {
          validateListTypes(member, additional, child);
        }
      }
    }
  }

 private:
  void add(std::string type, const std::string& name, std::string body) {
    errors_.push_back({std::move(type), fieldOf(name), std::move(body)});
  }
  // field.TypeInvalid for kube-openapi's InvalidType(name, in, typeName, valueText).
  void typeError(const std::string& name, const std::string& typeName, const std::string& valueText) {
    add("FieldValueTypeInvalid", name,
        "Invalid value: " + json(valueText).dump() + ": " + name + kIn + "must be of type " + typeName + ": " +
            json(valueText).dump());
  }
  // field.Invalid(value, detail) for the other kube-openapi failures.
  void invalid(const std::string& name, const std::string& valueText, const std::string& detail) {
    add("FieldValueInvalid", name, "Invalid value: " + valueText + ": " + name + kIn + detail);
  }

  void checkNull(const json& schema, const std::string& name) {
    const std::vector<std::string> types = schemaTypes(schema);
    if (types.empty() || schema.value("nullable", false)) return;
    typeError(name, joined(types, ","), "null");
  }

  void checkType(const json& value, const json& schema, const std::string& name) {
    const std::vector<std::string> types = schemaTypes(schema);
    if (types.empty()) return;
    const auto allows = [&](const std::string& type) { return std::find(types.begin(), types.end(), type) != types.end(); };
    const std::string actual = typeOf(value);
    const std::string actualFormat = actual == "integer" ? "int64" : actual == "number" ? "float64" : "";
    const std::string format = schema.value("format", "");
    const bool floatInt = actual == "number" && allows("integer") && std::trunc(value.get<double>()) == value.get<double>();
    const bool intFloat = actual == "integer" && allows("number");
    const bool textual = value.is_string() || value.is_array();
    if (!textual && !format.empty() && !(allows(actual) || actualFormat == format || floatInt || intFloat)) {
      typeError(name, format, actualFormat);
      return;
    }
    if (!allows("number") && !allows("integer") && !format.empty() && textual) return;
    if (!(allows(actual) || floatInt || intFloat)) typeError(name, joined(types, ","), actual);
  }

  void checkString(const std::string& text, const json& schema, const std::string& name) {
    if (schema.contains("maxLength") && runeCount(text) > schema["maxLength"].get<size_t>()) {
      add("FieldValueTooLong", name,
          "Too long: may not be more than " + std::to_string(schema["maxLength"].get<int64_t>()) + " bytes");
    }
    if (schema.contains("minLength") && runeCount(text) < schema["minLength"].get<size_t>()) {
      invalid(name, json(text).dump(),
              "should be at least " + std::to_string(schema["minLength"].get<int64_t>()) + " chars long");
    }
    if (schema.contains("pattern")) {
      const std::string pattern = schema["pattern"].get<std::string>();
      const std::regex* compiled = compiledPattern(pattern);
      if (compiled && !std::regex_search(text, *compiled)) {
        invalid(name, json(text).dump(), "should match '" + pattern + "'");
      }
    }
    const std::string format = schema.value("format", "");
    if (!format.empty() && !matchesFormat(format, text)) typeError(name, format, text);
  }

  void checkNumber(const json& value, const json& schema, const std::string& name) {
    const double number = value.get<double>();
    if (schema.contains("multipleOf")) {
      const double factor = schema["multipleOf"].get<double>();
      if (factor > 0 && std::fmod(number, factor) != 0) {
        invalid(name, badValue(value), "should be a multiple of " + goNumber(factor));
      }
    }
    if (schema.contains("maximum")) {
      const double maximum = schema["maximum"].get<double>();
      const bool exclusive = schema.value("exclusiveMaximum", false);
      if (exclusive ? number >= maximum : number > maximum) {
        invalid(name, badValue(value),
                std::string(exclusive ? "should be less than " : "should be less than or equal to ") + goNumber(maximum));
      }
    }
    if (schema.contains("minimum")) {
      const double minimum = schema["minimum"].get<double>();
      const bool exclusive = schema.value("exclusiveMinimum", false);
      if (exclusive ? number <= minimum : number < minimum) {
        invalid(name, badValue(value),
                std::string(exclusive ? "should be greater than " : "should be greater than or equal to ") +
                    goNumber(minimum));
      }
    }
  }

  void checkArray(const json& value, const json& schema, const std::string& name) {
    if (schema.contains("items")) {
      for (size_t i = 0; i < value.size(); ++i) {
        validate(value[i], schema["items"], name + "[" + std::to_string(i) + "]");
      }
    }
    checkCount(value, schema, name, "minItems", "maxItems", "items");
    if (schema.value("uniqueItems", false)) {
      std::set<std::string> seen;
      for (const json& item : value) {
        if (!seen.insert(item.dump()).second) {
          invalid(name, "\"\"", "shouldn't contain duplicates");
          break;
        }
      }
    }
  }

  // minItems/maxItems of an array, minProperties/maxProperties of an object:
  // too few is kube-openapi's message, too many field.TooMany's.
  void checkCount(const json& value, const json& schema, const std::string& name, const char* minimumKey,
                  const char* maximumKey, const std::string& noun) {
    const auto count = static_cast<int64_t>(value.size());
    if (schema.contains(minimumKey) && count < schema[minimumKey].get<int64_t>()) {
      invalid(name, std::to_string(count),
              "should have at least " + std::to_string(schema[minimumKey].get<int64_t>()) + " " + noun);
    }
    if (schema.contains(maximumKey) && count > schema[maximumKey].get<int64_t>()) {
      const int64_t maximum = schema[maximumKey].get<int64_t>();
      add("FieldValueTooMany", name,
          "Too many: " + std::to_string(count) + ": must have at most " + std::to_string(maximum) +
              (maximum == 1 ? " item" : " items"));
    }
  }

  void checkEnum(const json& value, const json& schema, const std::string& name) {
    if (!schema.contains("enum") || !schema["enum"].is_array() || schema["enum"].empty()) return;
    const json& allowed = schema["enum"];
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    std::string supported;
    for (const json& option : allowed) {
      supported += (supported.empty() ? "" : ", ") + json(option.is_string() ? option.get<std::string>() : option.dump()).dump();
    }
    add("FieldValueNotSupported", name, "Unsupported value: " + badValue(value) + ": supported values: " + supported);
  }

  void checkObject(const json& value, const json& schema, const std::string& name) {
    checkCount(value, schema, name, "minProperties", "maxProperties", "properties");
    const json& properties = schemaMember(schema, "properties");
    const json& additional = schemaMember(schema, "additionalProperties");
    if (additional.is_object()) {
      for (const auto& [key, member] : value.items()) {
        if (!properties.contains(key)) validate(member, additional, name + "." + key);
      }
    }
    for (const auto& [key, propertySchema] : properties.items()) {
      if (value.contains(key)) validate(value[key], propertySchema, name.empty() ? key : name + "." + key);
    }
    for (const json& required : schema.value("required", json::array())) {
      if (!required.is_string() || value.contains(required.get<std::string>())) continue;
      add("FieldValueRequired", name + "." + required.get<std::string>(), "Required value");
    }
  }

  void checkListType(const json& list, const json& schema, const std::string& path) {
    const std::string listType = schema.value("x-kubernetes-list-type", "");
    if (listType != "set" && listType != "map") return;
    const json& keys = schemaMember(schema, "x-kubernetes-list-map-keys");
    std::set<std::string> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      json identity = list[i];
      if (listType == "map" && list[i].is_object()) {
        identity = json::object();
        for (const json& key : keys) {
          if (key.is_string() && list[i].contains(key.get<std::string>())) identity[key.get<std::string>()] = list[i][key.get<std::string>()];
        }
      }
      if (!seen.insert(identity.dump()).second) {
        add("FieldValueDuplicate", path + "[" + std::to_string(i) + "]", "Duplicate value: " + badValue(identity));
      }
    }
  }

  std::vector<FieldError>& errors_;
};

}  // namespace

std::vector<FieldError> validateCustomResource(const json& object, const json& schema) {
  std::vector<FieldError> errors;
  Validator validator(errors);
  validator.validate(object, schema, "");
  validator.validateListTypes(object, schema, "");
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
