// Response bytes for stored object versions: single objects, list pages and
// watch event frames, as JSON or Kubernetes protobuf. An object presented as
// it is stored (same apiVersion and kind) is sent from its version's cached
// bodies, so a list is a concatenation and every watcher shares the bytes;
// otherwise (a custom resource read at another served version) it is
// re-presented and encoded per response.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kube/server/list_paging.h"
#include "kube/server/object_version.h"
#include "kube/server/resource_registry.h"

namespace ho::kube {

// The object with the type's apiVersion and kind.
nlohmann::json presentAs(const ResourceType& type, nlohmann::json object);

std::string objectJson(const ResourceType& type, const ObjectVersion& version);
// The enveloped protobuf body; nullopt when the kind has no protobuf form.
std::optional<std::string> objectProtobuf(const ResourceType& type, const ObjectVersion& version);

std::string listJson(const ResourceType& type, const ListPage& page);
std::optional<std::string> listProtobuf(const ResourceType& type, const ListPage& page);

// One watch event line: {"type":...,"object":...}\n around an object's JSON.
std::string jsonWatchFrame(std::string_view eventType, std::string_view objectJson);

}  // namespace ho::kube
