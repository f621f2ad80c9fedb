// Kubernetes protobuf bodies (Content-Type application/vnd.kubernetes.protobuf):
// the `k8s\0` magic and the runtime.Unknown envelope {1 typeMeta {1 apiVersion,
// 2 kind}, 2 raw, 3 contentEncoding, 4 contentType} around the generated
// message of any built-in kind (protobuf_schema.h), decoded into and encoded
// from the JSON objects the rest of the server works with. Custom resources
// have no protobuf form.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kube/server/api_status.h"

namespace ho::kube {

inline constexpr std::string_view kProtobufContentType = "application/vnd.kubernetes.protobuf";

ApiResult<nlohmann::json> decodeProtobufObject(std::string_view body);
// The protobuf body of an object (its kind and apiVersion pick the message);
// nullopt when the kind has no protobuf form or the object does not fit it.
std::optional<std::string> encodeProtobufObject(const nlohmann::json& object);
// Whether an Accept header names protobuf as the client's first choice.
bool prefersProtobuf(std::string_view accept);

}  // namespace ho::kube
