// The minimal OpenAPI v2 document in protobuf (openapi_v2.Document:
// 1 swagger, 2 info {1 title, 2 version}).
#include "kube/server/openapi_v2.h"

namespace ho::kube {
namespace {

// A length-delimited protobuf field (all fields here are short).
std::string lengthDelimited(int number, const std::string& bytes) {
  std::string field;
  field += static_cast<char>(number << 3 | 2);
  field += static_cast<char>(bytes.size());
  return field + bytes;
}

}  // namespace

std::string openApiV2Protobuf() {
  const std::string info = lengthDelimited(1, "Kubernetes") + lengthDelimited(2, "v1.32.0");
  return lengthDelimited(1, "2.0") + lengthDelimited(2, info);
}

}  // namespace ho::kube
