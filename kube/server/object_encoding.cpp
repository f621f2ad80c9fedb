// Encoding stored object versions for responses.
#include "kube/server/object_encoding.h"

#include <vector>

#include "kube/server/protobuf.h"

namespace ho::kube {
namespace {

using nlohmann::json;

bool storedAsPresented(const ResourceType& type, const ObjectVersion& version) {
  return version.presentedAs(type.groupVersion(), type.kind);
}

// The generated message of the presented object.
std::optional<std::string> objectMessage(const ResourceType& type, const ObjectVersion& version) {
  if (storedAsPresented(type, version)) return version.protobufMessage();
  return encodeProtobufMessage(presentAs(type, version.object()));
}

}  // namespace

json presentAs(const ResourceType& type, json object) {
  object["apiVersion"] = type.groupVersion();
  object["kind"] = type.kind;
  return object;
}

std::string objectJson(const ResourceType& type, const ObjectVersion& version) {
  if (storedAsPresented(type, version)) return version.json();
  return presentAs(type, version.object()).dump();
}

std::optional<std::string> objectProtobuf(const ResourceType& type, const ObjectVersion& version) {
  const auto message = objectMessage(type, version);
  if (!message) return std::nullopt;
  return protobufEnvelope(type.groupVersion(), type.kind, *message);
}

std::string listJson(const ResourceType& type, const ListPage& page) {
  json metadata = {{"resourceVersion", std::to_string(page.resourceVersion)}};
  describePage(page, metadata);
  std::string body = R"({"kind":)" + json(type.listKind()).dump() + R"(,"apiVersion":)" +
                     json(type.groupVersion()).dump() + R"(,"metadata":)" + metadata.dump() + R"(,"items":[)";
  bool first = true;
  for (const ObjectPtr& item : page.items) {
    if (!first) body += ',';
    first = false;
    // The cached body is appended without an intermediate copy.
    storedAsPresented(type, *item) ? body.append(item->json()) : body.append(objectJson(type, *item));
  }
  return body + "]}";
}

std::optional<std::string> listProtobuf(const ResourceType& type, const ListPage& page) {
  if (!hasProtobufForm(type.groupVersion(), type.listKind())) return std::nullopt;
  std::vector<std::optional<std::string>> converted;  // messages of items not stored as presented
  std::vector<std::string_view> messages;
  converted.reserve(page.items.size());
  messages.reserve(page.items.size());
  for (const ObjectPtr& item : page.items) {
    const std::optional<std::string>* message = nullptr;
    if (storedAsPresented(type, *item)) {
      message = &item->protobufMessage();
    } else {
      message = &converted.emplace_back(objectMessage(type, *item));
    }
    if (!*message) return std::nullopt;
    messages.push_back(**message);
  }
  const std::string list =
      protobufListMessage(std::to_string(page.resourceVersion), page.continueToken, page.remainingItemCount, messages);
  return protobufEnvelope(type.groupVersion(), type.listKind(), list);
}

std::string jsonWatchFrame(std::string_view eventType, std::string_view objectJson) {
  std::string frame = R"({"type":")";
  frame.append(eventType).append(R"(","object":)").append(objectJson).append("}\n");
  return frame;
}

}  // namespace ho::kube
