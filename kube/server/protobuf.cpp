// The runtime.Unknown envelope around generated messages.
#include "kube/server/protobuf.h"

#include <string>

#include "core/error.h"
#include "kube/server/protobuf_codec.h"
#include "kube/server/protobuf_wire.h"

namespace ho::kube {
namespace {

using nlohmann::json;
using protobuf::Schema;

constexpr std::string_view kMagic{"k8s\0", 4};

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

ApiResult<json> decodeProtobufObject(std::string_view body) {
  if (body.substr(0, 4) != kMagic) return badRequest("protobuf body does not start with the k8s magic");
  try {
    std::string apiVersion;
    std::string kind;
    std::string_view raw;
    protobuf::WireReader envelope(body.substr(4));
    protobuf::WireField field;
    while (envelope.next(field)) {
      if (field.number == 1 && field.wireType == protobuf::kLengthDelimited) {
        protobuf::WireReader typeMeta(field.bytes);
        protobuf::WireField part;
        while (typeMeta.next(part)) {
          if (part.number == 1) apiVersion = part.bytes;
          if (part.number == 2) kind = part.bytes;
        }
      } else if (field.number == 2) {
        raw = field.bytes;
      }
    }
    const protobuf::MessageSchema* schema = Schema::builtin().forKind(apiVersion, kind);
    if (!schema) {
      return unsupportedMediaType(std::string(kProtobufContentType) + " (kind " + apiVersion + " " + kind +
                                  " has no protobuf form)");
    }
    json object = protobuf::decodeMessage(*schema, raw);
    if (!apiVersion.empty()) object["apiVersion"] = apiVersion;
    object["kind"] = kind;
    return object;
  } catch (const Failure& e) {
    return badRequest(e.what());
  }
}

std::optional<std::string> encodeProtobufObject(const json& object) {
  const std::string apiVersion = object.value("apiVersion", "");
  const std::string kind = object.value("kind", "");
  const protobuf::MessageSchema* schema = Schema::builtin().forKind(apiVersion, kind);
  if (!schema) return std::nullopt;
  try {
    protobuf::WireWriter typeMeta;
    typeMeta.bytesField(1, apiVersion);
    typeMeta.bytesField(2, kind);
    protobuf::WireWriter envelope;
    envelope.bytesField(1, typeMeta.bytes());
    envelope.bytesField(2, protobuf::encodeMessage(*schema, object));
    envelope.bytesField(3, "");
    envelope.bytesField(4, "");
    return std::string(kMagic) + envelope.bytes();
  } catch (const Failure&) {
    return std::nullopt;
  }
}

bool prefersProtobuf(std::string_view accept) {
  const std::string first = trimmed(accept.substr(0, accept.find(',')));
  return first == kProtobufContentType;
}

}  // namespace ho::kube
