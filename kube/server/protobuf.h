// Decoding Kubernetes protobuf request bodies (Content-Type
// application/vnd.kubernetes.protobuf): the `k8s\0` magic, the runtime.Unknown
// envelope, and the generated messages for the kinds Go typed clients send
// (Secret, ConfigMap, Namespace, ServiceAccount, DeleteOptions) into the JSON
// objects the rest of the server works with.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "kube/server/api_status.h"

namespace ho::kube {

inline constexpr std::string_view kProtobufContentType = "application/vnd.kubernetes.protobuf";

ApiResult<nlohmann::json> decodeProtobufObject(std::string_view body);

}  // namespace ho::kube
