// The protobuf schema of the built-in kinds: for each generated message of
// k8s.io/api (and meta/v1, apiextensions/v1) its fields' numbers, JSON names
// and shapes, read from the compact table in protobuf_schema_data.cpp.
//
// Table format, one item per line:
//   gv API_VERSION PACKAGE         a served group version and its message package
//   message PACKAGE.NAME           starts a message
//   NUMBER JSON_NAME TYPE [FLAGS]  a field of the current message
// JSON_NAME `-` means the field's message is inlined into the parent JSON
// object. TYPE is a scalar (s string, b bytes, bool, i32, i64, f64), a type
// with its own JSON form (time, microtime, intstr, quantity, raw: embedded
// JSON, schemaOrArray, schemaOrBool, schemaOrStringArray), a message name,
// `[]TYPE` (repeated) or `{KEY:VALUE}` (map). FLAGS: `*` a Go pointer, whose
// zero value is kept; `!` a field JSON always writes, zero or not.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ho::kube::protobuf {

struct MessageSchema;

enum class ValueKind {
  String, Bytes, Bool, Int32, Int64, Double,
  Time, MicroTime, IntOrString, Quantity, Raw,
  SchemaOrArray, SchemaOrBool, SchemaOrStringArray,
  Message,
};

struct ValueType {
  ValueKind kind = ValueKind::String;
  // The message of Message values; JSONSchemaProps for the schemaOr* kinds.
  const MessageSchema* message = nullptr;
};

enum class FieldShape { Single, Repeated, Map };

struct FieldSchema {
  uint32_t number = 0;
  std::string jsonName;  // empty when inlined
  FieldShape shape = FieldShape::Single;
  ValueType value;       // the element type of repeated fields, the value type of maps
  bool pointer = false;
  bool alwaysWritten = false;
  bool inlined() const { return jsonName.empty(); }
};

struct MessageSchema {
  std::string name;
  std::vector<FieldSchema> fields;  // ascending numbers
  const FieldSchema* field(uint32_t number) const;
};

class Schema {
 public:
  // Parses a schema table; throws ho::Failure on a malformed one.
  explicit Schema(std::string_view text);
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  // The schema built from protobuf_schema_data.cpp.
  static const Schema& builtin();

  // The message of an object kind ("apps/v1", "Deployment"), or null.
  const MessageSchema* forKind(const std::string& apiVersion, const std::string& kind) const;
  const MessageSchema* message(const std::string& name) const;

 private:
  ValueType parseValueType(std::string_view text);
  MessageSchema& messageNamed(const std::string& name);

  std::map<std::string, MessageSchema> messages_;
  std::map<std::string, std::string> packageOfApiVersion_;
};

// The generated table.
std::string_view protobufSchemaText();

}  // namespace ho::kube::protobuf
