// The minimal OpenAPI v2 document in protobuf (openapi_v2.Document:
// 1 swagger, 2 info {1 title, 2 version}).
#include "kube/server/openapi_v2.h"

#include "kube/server/protobuf_wire.h"

namespace ho::kube {

std::string openApiV2Protobuf() {
  protobuf::WireWriter info;
  info.bytesField(1, "Kubernetes");
  info.bytesField(2, "v1.32.0");
  protobuf::WireWriter document;
  document.bytesField(1, "2.0");
  document.bytesField(2, info.bytes());
  return document.take();
}

}  // namespace ho::kube
