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

ObjectPtr ObjectStore::find(const ObjectKey& key) const {
  std::lock_guard lock(mutex_);
  const auto bucket = buckets_.find(key.groupResource);
  if (bucket == buckets_.end()) return nullptr;
  return bucket->second.find({key.namespaceName, key.name});
}

std::optional<json> ObjectStore::get(const ObjectKey& key) const {
  const ObjectPtr found = find(key);
  if (!found) return std::nullopt;
  return found->object();
}

StoreSnapshot ObjectStore::currentLocked(const std::string& groupResource) const {
  const auto bucket = buckets_.find(groupResource);
  const auto lastChange = lastChanges_.find(groupResource);
  return {bucket == buckets_.end() ? ObjectTree() : bucket->second, resourceVersion_,
          std::max(restoredThrough_, lastChange == lastChanges_.end() ? 0 : lastChange->second)};
}

StoreSnapshot ObjectStore::snapshot(const std::string& groupResource) const {
  std::lock_guard lock(mutex_);
  return currentLocked(groupResource);
}

void ObjectStore::expireSnapshotsLocked() const {
  const auto oldest = std::chrono::steady_clock::now() - retention_.maxAge;
  while (!retained_.empty() && (retained_.size() > retention_.maxSnapshots || retained_.front().taken < oldest)) {
    retained_.pop_front();
  }
}

void ObjectStore::retain(const std::string& groupResource, const StoreSnapshot& snapshot) {
  std::lock_guard lock(mutex_);
  for (const RetainedSnapshot& kept : retained_) {
    if (kept.groupResource == groupResource && kept.snapshot.resourceVersion == snapshot.resourceVersion) return;
  }
  retained_.push_back({groupResource, snapshot, std::chrono::steady_clock::now()});
  expireSnapshotsLocked();
}

std::optional<StoreSnapshot> ObjectStore::snapshotAt(const std::string& groupResource,
                                                     uint64_t resourceVersion) const {
  std::lock_guard lock(mutex_);
  expireSnapshotsLocked();
  const auto holds = [&](const StoreSnapshot& snapshot) {
    return snapshot.unchangedSince <= resourceVersion && resourceVersion <= snapshot.resourceVersion;
  };
  std::optional<StoreSnapshot> found;
  if (StoreSnapshot current = currentLocked(groupResource); holds(current)) found = std::move(current);
  for (auto kept = retained_.rbegin(); !found && kept != retained_.rend(); ++kept) {
    if (kept->groupResource == groupResource && holds(kept->snapshot)) found = kept->snapshot;
  }
  if (found) found->resourceVersion = resourceVersion;
  return found;
}

ObjectStore::Listing ObjectStore::list(const std::string& groupResource, const std::string& namespaceName) const {
  const StoreSnapshot current = snapshot(groupResource);
  Listing listing;
  listing.resourceVersion = current.resourceVersion;
  current.objects.visitNamespace(namespaceName, [&](const ObjectId&, const ObjectPtr& object) {
    listing.items.push_back(object);
    return true;
  });
  return listing;
}

uint64_t ObjectStore::resourceVersion() const {
  std::lock_guard lock(mutex_);
  return resourceVersion_;
}

std::string ObjectStore::nextResourceVersionLocked() { return std::to_string(++resourceVersion_); }

void ObjectStore::commitLocked(const std::string& type, const std::string& groupResource, const ObjectPtr& object,
                               const ObjectPtr& previous) {
  lastChanges_[groupResource] = resourceVersion_;
  const WatchEvent event{resourceVersion_, type, groupResource, object, previous};
  for (const CommitListener& listener : listeners_) listener(event);
}

// Stores a new version of an object (its resourceVersion already set) and announces it.
StoredObject ObjectStore::replaceLocked(const ObjectKey& key, json object, const char* eventType) {
  const ObjectPtr version = makeObjectVersion(std::move(object));
  ObjectTree& bucket = buckets_[key.groupResource];
  const ObjectPtr previous = bucket.find({key.namespaceName, key.name});
  bucket = bucket.with({key.namespaceName, key.name}, version);
  commitLocked(eventType, key.groupResource, version, previous);
  return {version->object(), std::string(eventType) == "ADDED", false};
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
  return replaceLocked(key, std::move(object), "ADDED");
}

StoredObject ObjectStore::eraseLocked(const ObjectKey& key, const ObjectPtr& current) {
  json object = current->object();
  ObjectTree& bucket = buckets_[key.groupResource];
  bucket = bucket.without({key.namespaceName, key.name});
  object["metadata"]["resourceVersion"] = nextResourceVersionLocked();
  const ObjectPtr version = makeObjectVersion(std::move(object));
  commitLocked("DELETED", key.groupResource, version, nullptr);
  return {version->object(), false, true};
}

ApiResult<StoredObject> ObjectStore::create(const ObjectKey& key, json object) {
  std::lock_guard lock(mutex_);
  if (buckets_[key.groupResource].find({key.namespaceName, key.name})) {
    return alreadyExists(key.groupResource, key.name);
  }
  return insertLocked(key, std::move(object));
}

ApiResult<StoredObject> ObjectStore::update(const ObjectKey& key, const Mutation& mutate, bool createIfAbsent) {
  std::lock_guard lock(mutex_);
  const ObjectPtr found = buckets_[key.groupResource].find({key.namespaceName, key.name});
  if (!found) {
    if (!createIfAbsent) return notFound(key.groupResource, key.name);
    ApiResult<json> created = mutate(nullptr);
    if (!created.ok()) return created.error();
    return insertLocked(key, std::move(created).value());
  }
  const json& current = found->object();
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
  return replaceLocked(key, std::move(next), "MODIFIED");
}

ApiResult<StoredObject> ObjectStore::remove(const ObjectKey& key) {
  std::lock_guard lock(mutex_);
  const ObjectPtr found = buckets_[key.groupResource].find({key.namespaceName, key.name});
  if (!found) return notFound(key.groupResource, key.name);
  if (!hasFinalizers(found->object())) return eraseLocked(key, found);
  if (found->object()["metadata"].contains("deletionTimestamp")) return StoredObject{found->object(), false, false};
  json object = found->object();
  object["metadata"]["deletionTimestamp"] = formatTimestamp(Clock::now());
  object["metadata"]["deletionGracePeriodSeconds"] = 0;
  object["metadata"]["resourceVersion"] = nextResourceVersionLocked();
  return replaceLocked(key, std::move(object), "MODIFIED");
}

void ObjectStore::removeAll(const std::string& groupResource, const std::string& namespaceName) {
  std::lock_guard lock(mutex_);
  const ObjectTree before = buckets_[groupResource];
  before.visitNamespace(namespaceName, [&](const ObjectId& id, const ObjectPtr& object) {
    eraseLocked({groupResource, id.first, id.second}, object);
    return true;
  });
}

std::vector<ObjectKey> ObjectStore::ownedBy(const std::string& uid) const {
  std::lock_guard lock(mutex_);
  std::vector<ObjectKey> owned;
  for (const auto& [groupResource, bucket] : buckets_) {
    // Named capture: clang before 16 cannot capture a structured binding.
    bucket.visitAll([&, &groupResource = groupResource](const ObjectId& id, const ObjectPtr& object) {
      const json& metadata = object->object()["metadata"];
      const auto references = metadata.find("ownerReferences");
      if (references == metadata.end() || !references->is_array()) return true;
      for (const json& reference : *references) {
        if (reference.is_object() && reference.value("uid", "") == uid) {
          owned.push_back({groupResource, id.first, id.second});
          break;
        }
      }
      return true;
    });
  }
  return owned;
}

void ObjectStore::restore(const std::string& groupResource, std::vector<json> objects) {
  std::lock_guard lock(mutex_);
  ObjectTree& bucket = buckets_[groupResource];
  for (json& object : objects) {
    const std::string name = stringAt(object, "name");
    const std::string namespaceName = stringAt(object, "namespace");
    resourceVersion_ = std::max(resourceVersion_, parseVersion(stringAt(object, "resourceVersion")));
    bucket = bucket.with({namespaceName, name}, makeObjectVersion(std::move(object)));
  }
  restoredThrough_ = resourceVersion_;  // what was deleted before the restart is unknown
}

}  // namespace ho::kube
