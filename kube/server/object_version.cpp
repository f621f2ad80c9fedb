// Immutable object versions with their cached bodies.
#include "kube/server/object_version.h"

#include "kube/server/protobuf.h"

namespace ho::kube {
namespace {

std::string stringField(const nlohmann::json& object, const char* field) {
  if (!object.is_object()) return "";
  const auto found = object.find(field);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

}  // namespace

ObjectVersion::ObjectVersion(nlohmann::json object)
    : object_(std::move(object)),
      json_(object_.dump()),
      apiVersion_(stringField(object_, "apiVersion")),
      kind_(stringField(object_, "kind")) {}

const std::optional<std::string>& ObjectVersion::protobufMessage() const {
  std::call_once(protobufOnce_, [this] { protobuf_ = encodeProtobufMessage(object_); });
  return protobuf_;
}

bool ObjectVersion::presentedAs(const std::string& apiVersion, const std::string& kind) const {
  return apiVersion_ == apiVersion && kind_ == kind;
}

ObjectPtr makeObjectVersion(nlohmann::json object) {
  return std::make_shared<const ObjectVersion>(std::move(object));
}

}  // namespace ho::kube
