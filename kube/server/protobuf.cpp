// A minimal protobuf wire reader and the message layouts of the Kubernetes
// kinds typed clients send (field numbers from k8s.io/api generated.proto).
#include "kube/server/protobuf.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/error.h"
#include "kube/server/base64.h"
#include "kube/server/timestamps.h"

namespace ho::kube {
namespace {

using nlohmann::json;

struct Field {
  uint32_t number = 0;
  uint32_t wireType = 0;
  uint64_t varint = 0;
  std::string_view bytes;  // wire type 2
};

// Iterates the fields of one message; throws Failure on truncated input.
class WireReader {
 public:
  explicit WireReader(std::string_view data) : data_(data) {}

  bool next(Field& field) {
    if (position_ >= data_.size()) return false;
    const uint64_t key = readVarint();
    field = Field{static_cast<uint32_t>(key >> 3), static_cast<uint32_t>(key & 7), 0, {}};
    switch (field.wireType) {
      case 0:
        field.varint = readVarint();
        break;
      case 1:
        skip(8);
        break;
      case 2: {
        const uint64_t length = readVarint();
        if (length > data_.size() - position_) throw Failure("protobuf: truncated field");
        field.bytes = data_.substr(position_, length);
        position_ += length;
        break;
      }
      case 5:
        skip(4);
        break;
      default:
        throw Failure("protobuf: unsupported wire type " + std::to_string(field.wireType));
    }
    return true;
  }

 private:
  uint64_t readVarint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position_ >= data_.size()) throw Failure("protobuf: truncated varint");
      const auto byte = static_cast<uint8_t>(data_[position_++]);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    throw Failure("protobuf: varint too long");
  }

  void skip(size_t count) {
    if (count > data_.size() - position_) throw Failure("protobuf: truncated field");
    position_ += count;
  }

  std::string_view data_;
  size_t position_ = 0;
};

using FieldHandler = std::function<void(const Field&, json&)>;

// Decodes a message by handing each field to the handler for its number.
json decodeMessage(std::string_view bytes, const std::map<uint32_t, FieldHandler>& handlers) {
  json object = json::object();
  WireReader reader(bytes);
  Field field;
  while (reader.next(field)) {
    const auto handler = handlers.find(field.number);
    if (handler != handlers.end()) handler->second(field, object);
  }
  return object;
}

// Empty strings are sent explicitly and mean "unset".
FieldHandler stringField(const char* name) {
  return [name](const Field& field, json& object) {
    if (!field.bytes.empty()) object[name] = std::string(field.bytes);
  };
}

FieldHandler repeatedString(const char* name) {
  return [name](const Field& field, json& object) { object[name].push_back(std::string(field.bytes)); };
}

FieldHandler boolField(const char* name) {
  return [name](const Field& field, json& object) { object[name] = field.varint != 0; };
}

FieldHandler intField(const char* name) {
  return [name](const Field& field, json& object) { object[name] = static_cast<int64_t>(field.varint); };
}

// map<string, string|bytes> entries {1 key, 2 value}; bytes become base64.
FieldHandler mapField(const char* name, bool valuesAreBytes) {
  return [name, valuesAreBytes](const Field& field, json& object) {
    std::string key;
    std::string value;
    WireReader reader(field.bytes);
    Field entry;
    while (reader.next(entry)) {
      if (entry.number == 1) key = entry.bytes;
      if (entry.number == 2) value = entry.bytes;
    }
    object[name][key] = valuesAreBytes ? base64Encode(value) : value;
  };
}

FieldHandler messageField(const char* name, std::function<json(std::string_view)> decode, bool repeated = false) {
  return [name, decode = std::move(decode), repeated](const Field& field, json& object) {
    if (repeated) {
      object[name].push_back(decode(field.bytes));
    } else {
      object[name] = decode(field.bytes);
    }
  };
}

json decodeTime(std::string_view bytes) {
  int64_t seconds = 0;
  WireReader reader(bytes);
  Field field;
  while (reader.next(field)) {
    if (field.number == 1) seconds = static_cast<int64_t>(field.varint);
  }
  return formatTimestamp(Clock::from_time_t(static_cast<std::time_t>(seconds)));
}

json decodeOwnerReference(std::string_view bytes) {
  return decodeMessage(bytes, {{1, stringField("kind")},
                               {3, stringField("name")},
                               {4, stringField("uid")},
                               {5, stringField("apiVersion")},
                               {6, boolField("controller")},
                               {7, boolField("blockOwnerDeletion")}});
}

json decodeObjectMeta(std::string_view bytes) {
  return decodeMessage(bytes, {{1, stringField("name")},
                               {2, stringField("generateName")},
                               {3, stringField("namespace")},
                               {5, stringField("uid")},
                               {6, stringField("resourceVersion")},
                               {7, intField("generation")},
                               {8, messageField("creationTimestamp", decodeTime)},
                               {9, messageField("deletionTimestamp", decodeTime)},
                               {10, intField("deletionGracePeriodSeconds")},
                               {11, mapField("labels", false)},
                               {12, mapField("annotations", false)},
                               {13, messageField("ownerReferences", decodeOwnerReference, true)},
                               {14, repeatedString("finalizers")}});
}

json decodeLocalObjectReference(std::string_view bytes) { return decodeMessage(bytes, {{1, stringField("name")}}); }

using KindDecoder = std::function<json(std::string_view)>;

const std::map<std::string, KindDecoder>& kindDecoders() {
  static const std::map<std::string, KindDecoder> decoders = {
      {"Secret",
       [](std::string_view raw) {
         return decodeMessage(raw, {{1, messageField("metadata", decodeObjectMeta)},
                                    {2, mapField("data", true)},
                                    {3, stringField("type")},
                                    {4, mapField("stringData", false)},
                                    {5, boolField("immutable")}});
       }},
      {"ConfigMap",
       [](std::string_view raw) {
         return decodeMessage(raw, {{1, messageField("metadata", decodeObjectMeta)},
                                    {2, mapField("data", false)},
                                    {3, mapField("binaryData", true)},
                                    {4, boolField("immutable")}});
       }},
      {"Namespace",
       [](std::string_view raw) {
         const auto spec = [](std::string_view bytes) {
           return decodeMessage(bytes, {{1, repeatedString("finalizers")}});
         };
         return decodeMessage(raw, {{1, messageField("metadata", decodeObjectMeta)}, {2, messageField("spec", spec)}});
       }},
      {"ServiceAccount",
       [](std::string_view raw) {
         return decodeMessage(raw, {{1, messageField("metadata", decodeObjectMeta)},
                                    {3, messageField("imagePullSecrets", decodeLocalObjectReference, true)},
                                    {4, boolField("automountServiceAccountToken")}});
       }},
      {"DeleteOptions",
       [](std::string_view raw) {
         const auto preconditions = [](std::string_view bytes) {
           return decodeMessage(bytes, {{1, stringField("uid")}, {2, stringField("resourceVersion")}});
         };
         return decodeMessage(raw, {{1, intField("gracePeriodSeconds")},
                                    {2, messageField("preconditions", preconditions)},
                                    {3, boolField("orphanDependents")},
                                    {4, stringField("propagationPolicy")},
                                    {5, repeatedString("dryRun")}});
       }},
  };
  return decoders;
}

}  // namespace

ApiResult<json> decodeProtobufObject(std::string_view body) {
  static constexpr std::string_view kMagic{"k8s\0", 4};
  if (body.substr(0, 4) != kMagic) return badRequest("protobuf body does not start with the k8s magic");
  try {
    std::string apiVersion;
    std::string kind;
    std::string_view raw;
    WireReader envelope(body.substr(4));
    Field field;
    while (envelope.next(field)) {
      if (field.number == 1) {
        const json typeMeta = decodeMessage(field.bytes, {{1, stringField("apiVersion")}, {2, stringField("kind")}});
        apiVersion = typeMeta.value("apiVersion", "");
        kind = typeMeta.value("kind", "");
      } else if (field.number == 2) {
        raw = field.bytes;
      }
    }
    const auto decoder = kindDecoders().find(kind);
    if (decoder == kindDecoders().end()) {
      return unsupportedMediaType(std::string(kProtobufContentType) + " (kind " + kind + " is not decoded)");
    }
    json object = decoder->second(raw);
    if (!apiVersion.empty()) object["apiVersion"] = apiVersion;
    object["kind"] = kind;
    return object;
  } catch (const Failure& e) {
    return badRequest(e.what());
  }
}

}  // namespace ho::kube
