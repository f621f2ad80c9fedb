// Parsing the compact protobuf schema table.
#include "kube/server/protobuf_schema.h"

#include <algorithm>
#include <sstream>

#include "core/error.h"

namespace ho::kube::protobuf {
namespace {

const std::map<std::string_view, ValueKind>& namedKinds() {
  static const std::map<std::string_view, ValueKind> kinds = {
      {"s", ValueKind::String},
      {"b", ValueKind::Bytes},
      {"bool", ValueKind::Bool},
      {"i32", ValueKind::Int32},
      {"i64", ValueKind::Int64},
      {"f64", ValueKind::Double},
      {"time", ValueKind::Time},
      {"microtime", ValueKind::MicroTime},
      {"intstr", ValueKind::IntOrString},
      {"quantity", ValueKind::Quantity},
      {"raw", ValueKind::Raw},
      {"schemaOrArray", ValueKind::SchemaOrArray},
      {"schemaOrBool", ValueKind::SchemaOrBool},
      {"schemaOrStringArray", ValueKind::SchemaOrStringArray},
  };
  return kinds;
}

}  // namespace

const FieldSchema* MessageSchema::field(uint32_t number) const {
  const auto found = std::lower_bound(fields.begin(), fields.end(), number,
                                      [](const FieldSchema& f, uint32_t n) { return f.number < n; });
  return found != fields.end() && found->number == number ? &*found : nullptr;
}

MessageSchema& Schema::messageNamed(const std::string& name) {
  MessageSchema& message = messages_[name];
  message.name = name;
  return message;
}

ValueType Schema::parseValueType(std::string_view text) {
  const auto named = namedKinds().find(text);
  if (named != namedKinds().end()) {
    const ValueKind kind = named->second;
    const bool carriesSchema =
        kind == ValueKind::SchemaOrArray || kind == ValueKind::SchemaOrBool || kind == ValueKind::SchemaOrStringArray;
    return ValueType{kind, carriesSchema ? &messageNamed("apiextensions.v1.JSONSchemaProps") : nullptr};
  }
  // Messages may be referenced before they are defined; std::map nodes are stable.
  return ValueType{ValueKind::Message, &messageNamed(std::string(text))};
}

Schema::Schema(std::string_view text) {
  std::istringstream lines{std::string(text)};
  std::string line;
  MessageSchema* current = nullptr;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string first;
    std::string second;
    std::string third;
    std::string flags;
    if (!(words >> first)) continue;
    words >> second >> third >> flags;
    if (first == "gv") {
      packageOfApiVersion_[second] = third;
    } else if (first == "message") {
      current = &messageNamed(second);
    } else {
      if (!current || third.empty()) throw Failure("protobuf schema: bad line: " + line);
      FieldSchema field;
      field.number = static_cast<uint32_t>(std::stoul(first));
      field.jsonName = second == "-" ? "" : second;
      std::string_view type = third;
      if (type.substr(0, 2) == "[]") {
        field.shape = FieldShape::Repeated;
        type.remove_prefix(2);
      } else if (type.front() == '{') {
        // Map keys are always strings in the Kubernetes API.
        field.shape = FieldShape::Map;
        type = type.substr(type.find(':') + 1);
        type.remove_suffix(1);
      }
      field.value = parseValueType(type);
      field.pointer = flags.find('*') != std::string::npos;
      field.alwaysWritten = flags.find('!') != std::string::npos;
      current->fields.push_back(std::move(field));
    }
  }
  for (auto& [name, message] : messages_) {
    std::sort(message.fields.begin(), message.fields.end(),
              [](const FieldSchema& a, const FieldSchema& b) { return a.number < b.number; });
  }
}

const Schema& Schema::builtin() {
  static const Schema schema(protobufSchemaText());
  return schema;
}

const MessageSchema* Schema::forKind(const std::string& apiVersion, const std::string& kind) const {
  // meta/v1 options and Status travel under every group version.
  for (const std::string& package : {packageOfApiVersion_.count(apiVersion) ? packageOfApiVersion_.at(apiVersion)
                                                                             : std::string(),
                                     std::string("meta.v1")}) {
    if (const MessageSchema* found = message(package + "." + kind)) return found;
  }
  return nullptr;
}

const MessageSchema* Schema::message(const std::string& name) const {
  const auto found = messages_.find(name);
  return found == messages_.end() ? nullptr : &found->second;
}

}  // namespace ho::kube::protobuf
