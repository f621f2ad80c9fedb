// One immutable version of a stored object, shared by the store, snapshots,
// watch events and responses: the JSON value, its serialized JSON text
// (written once, when the version is committed) and its protobuf message
// (encoded on first use). A list response is a concatenation of these cached
// bodies, and every watcher of an event streams the same bytes.
#pragma once

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace ho::kube {

class ObjectVersion {
 public:
  explicit ObjectVersion(nlohmann::json object);
  ObjectVersion(const ObjectVersion&) = delete;
  ObjectVersion& operator=(const ObjectVersion&) = delete;

  const nlohmann::json& object() const { return object_; }
  // The serialized JSON of object().
  const std::string& json() const { return json_; }
  // The generated protobuf message of object() (no envelope); nullopt when
  // its kind has no protobuf form.
  const std::optional<std::string>& protobufMessage() const;
  // Whether the stored apiVersion and kind are these, so the cached bodies
  // can be sent as they are.
  bool presentedAs(const std::string& apiVersion, const std::string& kind) const;
  const std::string& apiVersion() const { return apiVersion_; }
  const std::string& kind() const { return kind_; }

 private:
  nlohmann::json object_;
  std::string json_;
  std::string apiVersion_;
  std::string kind_;
  mutable std::once_flag protobufOnce_;
  mutable std::optional<std::string> protobuf_;
};

using ObjectPtr = std::shared_ptr<const ObjectVersion>;

ObjectPtr makeObjectVersion(nlohmann::json object);

}  // namespace ho::kube
