// /openapi/v2 for kubectl 1.27 and 1.28, whose `apply` insists on it: a
// minimal OpenAPI v2 Document (swagger "2.0", info) in gnostic's protobuf
// encoding. It has no definitions, so kubectl skips client-side validation
// and computes strategic merge patches from its compiled-in types.
#pragma once

#include <string>
#include <string_view>

namespace ho::kube {

inline constexpr std::string_view kOpenApiV2ProtobufContentType =
    "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

std::string openApiV2Protobuf();

}  // namespace ho::kube
