// Protobuf message <-> JSON object conversion.
#include "kube/server/protobuf_codec.h"

#include <bit>
#include <cctype>
#include <cstdio>

#include "core/error.h"
#include "kube/client/base64_codec.h"
#include "kube/server/protobuf_wire.h"
#include "kube/server/timestamps.h"

namespace ho::kube::protobuf {
namespace {

using nlohmann::json;

// --- decoding ---------------------------------------------------------------

json decodeValue(const ValueType& type, const WireField& field);

std::string_view payload(const WireField& field) {
  if (field.wireType != kLengthDelimited) throw Failure("protobuf: expected a length-delimited field");
  return field.bytes;
}

// metav1.Time / MicroTime {1 seconds, 2 nanos}; the zero time is "unset".
json decodeTime(std::string_view bytes, bool micro) {
  int64_t seconds = 0;
  int64_t nanos = 0;
  WireReader reader(bytes);
  WireField field;
  while (reader.next(field)) {
    if (field.number == 1) seconds = static_cast<int64_t>(field.number64);
    if (field.number == 2) nanos = static_cast<int32_t>(field.number64);
  }
  // Go's zero time.Time is year 1; its Unix seconds are -62135596800.
  if (seconds == 0 && nanos == 0) return nullptr;
  if (seconds == -62135596800LL) return nullptr;
  std::string text = formatTimestamp(Clock::from_time_t(static_cast<std::time_t>(seconds)));
  if (micro) {
    char fraction[24];
    std::snprintf(fraction, sizeof fraction, ".%06lld", static_cast<long long>(nanos / 1000));
    text.insert(text.size() - 1, fraction);
  }
  return text;
}

// intstr.IntOrString {1 type (0 int, 1 string), 2 intVal, 3 strVal}.
json decodeIntOrString(std::string_view bytes) {
  int64_t type = 0;
  int32_t intValue = 0;
  std::string stringValue;
  WireReader reader(bytes);
  WireField field;
  while (reader.next(field)) {
    if (field.number == 1) type = static_cast<int64_t>(field.number64);
    if (field.number == 2) intValue = static_cast<int32_t>(field.number64);
    if (field.number == 3) stringValue = payload(field);
  }
  return type == 1 ? json(stringValue) : json(intValue);
}

// Messages whose only field 1 carries the value as bytes (Quantity, raw JSON).
std::string firstBytes(std::string_view bytes) {
  WireReader reader(bytes);
  WireField field;
  std::string value;
  while (reader.next(field)) {
    if (field.number == 1) value = payload(field);
  }
  return value;
}

json decodeRaw(std::string_view bytes) {
  const std::string raw = firstBytes(bytes);
  if (raw.empty()) return nullptr;
  json value = json::parse(raw, nullptr, false);
  if (value.is_discarded()) throw Failure("protobuf: embedded JSON is not valid");
  return value;
}

// JSONSchemaPropsOrArray {1 schema, 2 []schema}, OrBool {1 allows, 2 schema},
// OrStringArray {1 schema, 2 []string}.
json decodeSchemaUnion(const ValueType& type, std::string_view bytes) {
  json schema;
  json array = json::array();
  bool allows = false;
  WireReader reader(bytes);
  WireField field;
  while (reader.next(field)) {
    if (type.kind == ValueKind::SchemaOrBool && field.number == 1) {
      allows = field.number64 != 0;
    } else if (type.kind != ValueKind::SchemaOrBool && field.number == 2) {
      array.push_back(type.kind == ValueKind::SchemaOrStringArray ? json(std::string(payload(field)))
                                                                 : decodeMessage(*type.message, payload(field)));
    } else if (field.number == (type.kind == ValueKind::SchemaOrBool ? 2u : 1u)) {
      schema = decodeMessage(*type.message, payload(field));
    }
  }
  if (!schema.is_null()) return schema;
  if (type.kind == ValueKind::SchemaOrBool) return allows;
  return array;
}

json decodeValue(const ValueType& type, const WireField& field) {
  switch (type.kind) {
    case ValueKind::String:
      return std::string(payload(field));
    case ValueKind::Bytes:
      return client::base64Encode(payload(field));
    case ValueKind::Bool:
      return field.number64 != 0;
    case ValueKind::Int32:
      return static_cast<int32_t>(field.number64);
    case ValueKind::Int64:
      return static_cast<int64_t>(field.number64);
    case ValueKind::Double:
      return std::bit_cast<double>(field.number64);
    case ValueKind::Time:
      return decodeTime(payload(field), false);
    case ValueKind::MicroTime:
      return decodeTime(payload(field), true);
    case ValueKind::IntOrString:
      return decodeIntOrString(payload(field));
    case ValueKind::Quantity:
      return firstBytes(payload(field));
    case ValueKind::Raw:
      return decodeRaw(payload(field));
    case ValueKind::SchemaOrArray:
    case ValueKind::SchemaOrBool:
    case ValueKind::SchemaOrStringArray:
      return decodeSchemaUnion(type, payload(field));
    case ValueKind::Message:
      return decodeMessage(*type.message, payload(field));
  }
  return nullptr;
}

bool isScalar(ValueKind kind) {
  return kind == ValueKind::Bool || kind == ValueKind::Int32 || kind == ValueKind::Int64 ||
         kind == ValueKind::Double;
}

// Go's omitempty zero values of non-pointer scalars.
bool isZero(const json& value) {
  return (value.is_string() && value.get_ref<const std::string&>().empty()) || (value.is_boolean() && !value) ||
         (value.is_number() && value == 0);
}

void decodeRepeated(const FieldSchema& schema, const WireField& field, json& target) {
  if (!target.is_array()) target = json::array();
  if (isScalar(schema.value.kind) && field.wireType == kLengthDelimited) {  // packed
    WireReader packed(field.bytes);
    while (!packed.atEnd()) {
      WireField element{field.number, kVarint, 0, {}};
      element.number64 = packed.readVarint();
      target.push_back(decodeValue(schema.value, element));
    }
    return;
  }
  target.push_back(decodeValue(schema.value, field));
}

void decodeMapEntry(const FieldSchema& schema, const WireField& field, json& target) {
  if (!target.is_object()) target = json::object();
  std::string key;
  json value;
  WireReader reader(payload(field));
  WireField entry;
  while (reader.next(entry)) {
    if (entry.number == 1) key = payload(entry);
    if (entry.number == 2) value = decodeValue(schema.value, entry);
  }
  if (value.is_null()) value = schema.value.kind == ValueKind::Message ? json::object() : json("");
  target[key] = std::move(value);
}

// --- encoding ---------------------------------------------------------------

void encodeValue(WireWriter& out, uint32_t number, const ValueType& type, const json& value);

int64_t integerOf(const json& value) {
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_number_unsigned()) return static_cast<int64_t>(value.get<uint64_t>());
  if (value.is_number_float()) return static_cast<int64_t>(value.get<double>());
  if (value.is_boolean()) return value.get<bool>() ? 1 : 0;
  throw Failure("protobuf: expected a number, got " + value.dump());
}

std::string textOf(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

std::string encodeTime(const json& value, bool micro) {
  const std::string text = textOf(value);
  const auto when = parseTimestamp(text);
  if (!when) throw Failure("protobuf: not a timestamp: " + text);
  WireWriter out;
  out.varintField(1, static_cast<uint64_t>(Clock::to_time_t(*when)));
  const auto dot = text.find('.');
  if (micro && dot != std::string::npos) {
    std::string digits;
    for (size_t i = dot + 1; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      digits += text[i];
    }
    digits = (digits + "000000000").substr(0, 9);
    out.varintField(2, std::stoull(digits));
  }
  return out.take();
}

std::string encodeIntOrString(const json& value) {
  WireWriter out;
  if (value.is_string()) {
    out.varintField(1, 1);
    out.varintField(2, 0);
    out.bytesField(3, value.get<std::string>());
  } else {
    out.varintField(1, 0);
    out.varintField(2, static_cast<uint64_t>(integerOf(value)));
    out.bytesField(3, "");
  }
  return out.take();
}

std::string encodeSchemaUnion(const ValueType& type, const json& value) {
  WireWriter out;
  if (type.kind == ValueKind::SchemaOrBool) {
    out.varintField(1, value.is_boolean() ? value.get<bool>() : true);
    if (value.is_object()) out.bytesField(2, encodeMessage(*type.message, value));
  } else if (value.is_array()) {
    for (const json& element : value) {
      out.bytesField(2, type.kind == ValueKind::SchemaOrStringArray ? textOf(element)
                                                                    : encodeMessage(*type.message, element));
    }
  } else {
    out.bytesField(1, encodeMessage(*type.message, value));
  }
  return out.take();
}

void encodeValue(WireWriter& out, uint32_t number, const ValueType& type, const json& value) {
  switch (type.kind) {
    case ValueKind::String:
      out.bytesField(number, textOf(value));
      return;
    case ValueKind::Bytes: {
      const auto decoded = client::base64Decode(textOf(value));
      if (!decoded) throw Failure("protobuf: bytes field is not base64");
      out.bytesField(number, *decoded);
      return;
    }
    case ValueKind::Bool:
    case ValueKind::Int32:
    case ValueKind::Int64:
      out.varintField(number, static_cast<uint64_t>(integerOf(value)));
      return;
    case ValueKind::Double:
      out.fixed64Field(number, std::bit_cast<uint64_t>(value.is_number() ? value.get<double>() : 0.0));
      return;
    case ValueKind::Time:
    case ValueKind::MicroTime:
      out.bytesField(number, encodeTime(value, type.kind == ValueKind::MicroTime));
      return;
    case ValueKind::IntOrString:
      out.bytesField(number, encodeIntOrString(value));
      return;
    case ValueKind::Quantity:
    case ValueKind::Raw: {
      WireWriter inner;
      inner.bytesField(1, type.kind == ValueKind::Quantity ? textOf(value) : value.dump());
      out.bytesField(number, inner.bytes());
      return;
    }
    case ValueKind::SchemaOrArray:
    case ValueKind::SchemaOrBool:
    case ValueKind::SchemaOrStringArray:
      out.bytesField(number, encodeSchemaUnion(type, value));
      return;
    case ValueKind::Message:
      if (!value.is_object()) throw Failure("protobuf: expected an object, got " + value.dump());
      out.bytesField(number, encodeMessage(*type.message, value));
      return;
  }
}

}  // namespace

json decodeMessage(const MessageSchema& schema, std::string_view bytes) {
  json object = json::object();
  WireReader reader(bytes);
  WireField field;
  while (reader.next(field)) {
    const FieldSchema* fieldSchema = schema.field(field.number);
    if (!fieldSchema) continue;
    if (fieldSchema->inlined()) {
      object.update(decodeValue(fieldSchema->value, field));
      continue;
    }
    json& target = object[fieldSchema->jsonName];
    if (fieldSchema->shape == FieldShape::Repeated) {
      decodeRepeated(*fieldSchema, field, target);
    } else if (fieldSchema->shape == FieldShape::Map) {
      decodeMapEntry(*fieldSchema, field, target);
    } else {
      target = decodeValue(fieldSchema->value, field);
      if (target.is_null() || (!fieldSchema->pointer && !fieldSchema->alwaysWritten && isZero(target))) {
        object.erase(fieldSchema->jsonName);
      }
    }
  }
  return object;
}

std::string encodeMessage(const MessageSchema& schema, const json& object) {
  WireWriter out;
  for (const FieldSchema& field : schema.fields) {
    if (field.inlined()) {
      out.bytesField(field.number, encodeMessage(*field.value.message, object));
      continue;
    }
    const auto found = object.find(field.jsonName);
    if (found == object.end() || found->is_null()) continue;
    const json& value = *found;
    if (field.shape == FieldShape::Repeated) {
      if (!value.is_array()) throw Failure("protobuf: " + field.jsonName + " is not a list");
      for (const json& element : value) encodeValue(out, field.number, field.value, element);
    } else if (field.shape == FieldShape::Map) {
      if (!value.is_object()) throw Failure("protobuf: " + field.jsonName + " is not a map");
      for (const auto& [key, element] : value.items()) {
        WireWriter entry;
        entry.bytesField(1, key);
        if (!element.is_null()) encodeValue(entry, 2, field.value, element);
        out.bytesField(field.number, entry.bytes());
      }
    } else {
      encodeValue(out, field.number, field.value, value);
    }
  }
  return out.take();
}

}  // namespace ho::kube::protobuf
