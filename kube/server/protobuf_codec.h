// Converting between the JSON form of an API object and its generated
// protobuf message, driven by the schema table (protobuf_schema.h). Both
// directions follow Go's JSON rules for the types: zero non-pointer fields
// are left out, inlined structs merge into their parent, Time, IntOrString,
// Quantity and embedded JSON have their own forms. Unknown protobuf fields are
// skipped; malformed input throws ho::Failure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kube/server/protobuf_schema.h"

namespace ho::kube::protobuf {

nlohmann::json decodeMessage(const MessageSchema& schema, std::string_view bytes);
std::string encodeMessage(const MessageSchema& schema, const nlohmann::json& object);

}  // namespace ho::kube::protobuf
