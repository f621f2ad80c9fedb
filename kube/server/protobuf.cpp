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

std::optional<std::string> encodeProtobufMessage(const json& object) {
  const protobuf::MessageSchema* schema =
      Schema::builtin().forKind(object.value("apiVersion", ""), object.value("kind", ""));
  if (!schema) return std::nullopt;
  try {
    return protobuf::encodeMessage(*schema, object);
  } catch (const Failure&) {
    return std::nullopt;
  }
}

std::string protobufEnvelope(std::string_view apiVersion, std::string_view kind, std::string_view message) {
  protobuf::WireWriter typeMeta;
  typeMeta.bytesField(1, apiVersion);
  typeMeta.bytesField(2, kind);
  protobuf::WireWriter envelope;
  envelope.bytesField(1, typeMeta.bytes());
  envelope.bytesField(2, message);
  envelope.bytesField(3, "");
  envelope.bytesField(4, "");
  return std::string(kMagic) + envelope.bytes();
}

std::optional<std::string> encodeProtobufObject(const json& object) {
  const auto message = encodeProtobufMessage(object);
  if (!message) return std::nullopt;
  return protobufEnvelope(object.value("apiVersion", ""), object.value("kind", ""), *message);
}

bool hasProtobufForm(const std::string& apiVersion, const std::string& kind) {
  return Schema::builtin().forKind(apiVersion, kind) != nullptr;
}

std::string protobufListMessage(const std::string& resourceVersion, const std::string& continueToken,
                                std::optional<int64_t> remainingItemCount,
                                const std::vector<std::string_view>& itemMessages) {
  protobuf::WireWriter listMeta;
  listMeta.bytesField(2, resourceVersion);
  listMeta.bytesField(3, continueToken);
  if (remainingItemCount) listMeta.varintField(4, static_cast<uint64_t>(*remainingItemCount));
  protobuf::WireWriter list;
  list.bytesField(1, listMeta.bytes());
  for (std::string_view item : itemMessages) list.bytesField(2, item);
  return list.take();
}

std::string protobufWatchFrame(std::string_view type, std::string_view envelopedObject) {
  protobuf::WireWriter rawExtension;
  rawExtension.bytesField(1, envelopedObject);
  protobuf::WireWriter event;
  event.bytesField(1, type);
  event.bytesField(2, rawExtension.bytes());
  const std::string& message = event.bytes();
  const auto length = static_cast<uint32_t>(message.size());
  std::string frame{static_cast<char>(length >> 24), static_cast<char>(length >> 16), static_cast<char>(length >> 8),
                    static_cast<char>(length)};
  return frame + message;
}

bool prefersProtobuf(std::string_view accept) {
  const std::string first = trimmed(accept.substr(0, accept.find(',')));
  const auto parameters = first.find(';');
  if (trimmed(std::string_view(first).substr(0, parameters)) != kProtobufContentType) return false;
  return parameters == std::string::npos || first.find("as=", parameters) == std::string::npos;
}

}  // namespace ho::kube
