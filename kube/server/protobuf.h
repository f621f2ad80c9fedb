// Kubernetes protobuf bodies (Content-Type application/vnd.kubernetes.protobuf):
// the `k8s\0` magic and the runtime.Unknown envelope {1 typeMeta {1 apiVersion,
// 2 kind}, 2 raw, 3 contentEncoding, 4 contentType} around the generated
// message of any built-in kind (protobuf_schema.h), decoded into and encoded
// from the JSON objects the rest of the server works with. Custom resources
// have no protobuf form. Watch streams frame each event as a 4-byte
// big-endian length and a bare WatchEvent message {1 type, 2 RawExtension {1
// raw: the enveloped object}}, as kube-apiserver's stream serializer does.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/server/api_status.h"

namespace ho::kube {

inline constexpr std::string_view kProtobufContentType = "application/vnd.kubernetes.protobuf";
inline constexpr std::string_view kProtobufWatchContentType = "application/vnd.kubernetes.protobuf;stream=watch";

ApiResult<nlohmann::json> decodeProtobufObject(std::string_view body);
// The protobuf body of an object (its kind and apiVersion pick the message);
// nullopt when the kind has no protobuf form or the object does not fit it.
std::optional<std::string> encodeProtobufObject(const nlohmann::json& object);
// The generated message alone (no magic, no envelope), as list items carry it.
std::optional<std::string> encodeProtobufMessage(const nlohmann::json& object);
// The magic and runtime.Unknown envelope around a generated message.
std::string protobufEnvelope(std::string_view apiVersion, std::string_view kind, std::string_view message);
bool hasProtobufForm(const std::string& apiVersion, const std::string& kind);
// A List message (ListMeta, then each item's generated message).
std::string protobufListMessage(const std::string& resourceVersion, const std::string& continueToken,
                                std::optional<int64_t> remainingItemCount,
                                const std::vector<std::string_view>& itemMessages);
// One frame of a protobuf watch stream around an enveloped object.
std::string protobufWatchFrame(std::string_view type, std::string_view envelopedObject);
// Whether an Accept header names protobuf (plain or ;stream=watch, not a
// Table) as the client's first choice.
bool prefersProtobuf(std::string_view accept);

}  // namespace ho::kube
