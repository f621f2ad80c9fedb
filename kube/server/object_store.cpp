// The in-memory object store and its metadata rules.
#include "kube/server/object_store.h"

#include <cstdio>
#include <random>

#include "kube/server/timestamps.h"

namespace ho::kube {
namespace {

using nlohmann::json;

std::string stringAt(const json& object, const char* field) {
  const json& metadata = object.contains("metadata") ? object["metadata"] : json();
  if (!metadata.is_object() || !metadata.contains(field) || !metadata[field].is_string()) return "";
  return metadata[field].get<std::string>();
}

bool hasFinalizers(const json& object) {
  const json& metadata = object["metadata"];
  return metadata.contains("finalizers") && metadata["finalizers"].is_array() && !metadata["finalizers"].empty();
}

// Everything but metadata and status: what generation counts changes of.
json generationRelevant(const json& object) {
  json copy = object;
  copy.erase("metadata");
  copy.erase("status");
  return copy;
}

uint64_t parseVersion(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stoull(text);
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

std::string newUid() {
  static std::mutex mutex;
  static std::mt19937_64 random{std::random_device{}()};
  std::lock_guard lock(mutex);
  const uint64_t high = (random() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  const uint64_t low = (random() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(high >> 32), static_cast<unsigned long long>((high >> 16) & 0xffff),
                static_cast<unsigned long long>(high & 0xffff), static_cast<unsigned long long>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return buffer;
}

void ObjectStore::addCommitListener(CommitListener listener) {
  std::lock_guard lock(mutex_);
  listeners_.push_back(std::move(listener));
}

std::optional<json> ObjectStore::get(const ObjectKey& key) const {
  std::lock_guard lock(mutex_);
  const auto bucket = buckets_.find(key.groupResource);
  if (bucket == buckets_.end()) return std::nullopt;
  const auto found = bucket->second.find({key.namespaceName, key.name});
  if (found == bucket->second.end()) return std::nullopt;
  return found->second;
}

ObjectStore::Listing ObjectStore::list(const std::string& groupResource, const std::string& namespaceName) const {
  std::lock_guard lock(mutex_);
  Listing listing;
  listing.resourceVersion = resourceVersion_;
  const auto bucket = buckets_.find(groupResource);
  if (bucket == buckets_.end()) return listing;
  for (const auto& [id, object] : bucket->second) {
    if (namespaceName.empty() || id.first == namespaceName) listing.items.push_back(object);
  }
  return listing;
}

uint64_t ObjectStore::resourceVersion() const {
  std::lock_guard lock(mutex_);
  return resourceVersion_;
}

std::string ObjectStore::nextResourceVersionLocked() { return std::to_string(++resourceVersion_); }

void ObjectStore::commitLocked(const std::string& type, const std::string& groupResource, const json& object) {
  const WatchEvent event{resourceVersion_, type, groupResource, object};
  for (const CommitListener& listener : listeners_) listener(event);
}

StoredObject ObjectStore::insertLocked(const ObjectKey& key, json object) {
  json& metadata = object["metadata"];
  metadata["name"] = key.name;
  if (key.namespaceName.empty()) {
    metadata.erase("namespace");
  } else {
    metadata["namespace"] = key.namespaceName;
  }
  metadata.erase("generateName");
  metadata["uid"] = newUid();
  metadata["creationTimestamp"] = formatTimestamp(Clock::now());
  metadata["generation"] = 1;
  metadata.erase("deletionTimestamp");
  metadata["resourceVersion"] = nextResourceVersionLocked();
  buckets_[key.groupResource][{key.namespaceName, key.name}] = object;
  commitLocked("ADDED", key.groupResource, object);
  return {std::move(object), true, false};
}

StoredObject ObjectStore::eraseLocked(const ObjectKey& key, Bucket::iterator where) {
  json object = std::move(where->second);
  buckets_[key.groupResource].erase(where);
  object["metadata"]["resourceVersion"] = nextResourceVersionLocked();
  commitLocked("DELETED", key.groupResource, object);
  return {std::move(object), false, true};
}

ApiResult<StoredObject> ObjectStore::create(const ObjectKey& key, json object) {
  std::lock_guard lock(mutex_);
  Bucket& bucket = buckets_[key.groupResource];
  if (bucket.count({key.namespaceName, key.name}) > 0) return alreadyExists(key.groupResource, key.name);
  return insertLocked(key, std::move(object));
}

ApiResult<StoredObject> ObjectStore::update(const ObjectKey& key, const Mutation& mutate, bool createIfAbsent) {
  std::lock_guard lock(mutex_);
  Bucket& bucket = buckets_[key.groupResource];
  const auto found = bucket.find({key.namespaceName, key.name});
  if (found == bucket.end()) {
    if (!createIfAbsent) return notFound(key.groupResource, key.name);
    ApiResult<json> created = mutate(nullptr);
    if (!created.ok()) return created.error();
    return insertLocked(key, std::move(created).value());
  }
  const json& current = found->second;
  ApiResult<json> mutated = mutate(&current);
  if (!mutated.ok()) return mutated.error();
  json next = std::move(mutated).value();
  const std::string currentVersion = stringAt(current, "resourceVersion");
  const std::string requestedVersion = stringAt(next, "resourceVersion");
  if (!requestedVersion.empty() && requestedVersion != currentVersion) {
    return conflict(key.groupResource, key.name,
                    "the object has been modified; please apply your changes to the latest version and try again");
  }
  json& metadata = next["metadata"];
  const json& currentMetadata = current["metadata"];
  metadata["name"] = key.name;
  if (!key.namespaceName.empty()) metadata["namespace"] = key.namespaceName;
  for (const char* owned : {"uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"}) {
    if (currentMetadata.contains(owned)) {
      metadata[owned] = currentMetadata[owned];
    } else {
      metadata.erase(owned);
    }
  }
  const uint64_t generation = currentMetadata.value("generation", uint64_t{1});
  metadata["generation"] =
      generationRelevant(current) == generationRelevant(next) ? generation : generation + 1;
  metadata["resourceVersion"] = currentVersion;
  if (metadata.contains("deletionTimestamp") && !hasFinalizers(next)) return eraseLocked(key, found);
  if (next == current) return StoredObject{std::move(next), false, false};
  metadata["resourceVersion"] = nextResourceVersionLocked();
  found->second = next;
  commitLocked("MODIFIED", key.groupResource, next);
  return StoredObject{std::move(next), false, false};
}

ApiResult<StoredObject> ObjectStore::remove(const ObjectKey& key) {
  std::lock_guard lock(mutex_);
  Bucket& bucket = buckets_[key.groupResource];
  const auto found = bucket.find({key.namespaceName, key.name});
  if (found == bucket.end()) return notFound(key.groupResource, key.name);
  json& object = found->second;
  if (!hasFinalizers(object)) return eraseLocked(key, found);
  if (!object["metadata"].contains("deletionTimestamp")) {
    object["metadata"]["deletionTimestamp"] = formatTimestamp(Clock::now());
    object["metadata"]["deletionGracePeriodSeconds"] = 0;
    object["metadata"]["resourceVersion"] = nextResourceVersionLocked();
    commitLocked("MODIFIED", key.groupResource, object);
  }
  return StoredObject{object, false, false};
}

void ObjectStore::removeAll(const std::string& groupResource, const std::string& namespaceName) {
  std::lock_guard lock(mutex_);
  Bucket& bucket = buckets_[groupResource];
  for (auto it = bucket.begin(); it != bucket.end();) {
    auto current = it++;
    if (namespaceName.empty() || current->first.first == namespaceName) {
      eraseLocked({groupResource, current->first.first, current->first.second}, current);
    }
  }
}

std::vector<ObjectKey> ObjectStore::ownedBy(const std::string& uid) const {
  std::lock_guard lock(mutex_);
  std::vector<ObjectKey> owned;
  for (const auto& [groupResource, bucket] : buckets_) {
    for (const auto& [id, object] : bucket) {
      const json& references = object["metadata"].value("ownerReferences", json::array());
      for (const json& reference : references) {
        if (reference.value("uid", "") == uid) {
          owned.push_back({groupResource, id.first, id.second});
          break;
        }
      }
    }
  }
  return owned;
}

void ObjectStore::restore(const std::string& groupResource, std::vector<json> objects) {
  std::lock_guard lock(mutex_);
  Bucket& bucket = buckets_[groupResource];
  for (json& object : objects) {
    const std::string name = stringAt(object, "name");
    const std::string namespaceName = stringAt(object, "namespace");
    resourceVersion_ = std::max(resourceVersion_, parseVersion(stringAt(object, "resourceVersion")));
    bucket[{namespaceName, name}] = std::move(object);
  }
}

}  // namespace ho::kube
