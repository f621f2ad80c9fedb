// The object store: every object keyed by group-resource, namespace and name,
// with the metadata the API server owns (uid, creationTimestamp, one global
// monotonically increasing resourceVersion, generation bumped on changes
// outside metadata and status, finalizers with deletionTimestamp). Every
// committed change is handed to the commit listeners (watches, persistence)
// in resourceVersion order.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kube/server/api_status.h"
#include "kube/server/watch_hub.h"

namespace ho::kube {

struct ObjectKey {
  std::string groupResource;  // "deployments.apps"; also names the resource in errors
  std::string namespaceName;  // "" for cluster-scoped objects
  std::string name;
};

struct StoredObject {
  nlohmann::json object;
  bool created = false;  // the write created the object
  bool deleted = false;  // the delete removed it (no finalizers held it)
};

// Computes the new object from the current one (nullptr when absent).
using Mutation = std::function<ApiResult<nlohmann::json>(const nlohmann::json* current)>;
using CommitListener = std::function<void(const WatchEvent&)>;

class ObjectStore {
 public:
  // Listeners run under the store lock, in commit order.
  void addCommitListener(CommitListener listener);

  std::optional<nlohmann::json> get(const ObjectKey& key) const;
  struct Listing {
    std::vector<nlohmann::json> items;
    uint64_t resourceVersion = 0;
  };
  // namespaceName "" lists every namespace.
  Listing list(const std::string& groupResource, const std::string& namespaceName) const;
  uint64_t resourceVersion() const;

  ApiResult<StoredObject> create(const ObjectKey& key, nlohmann::json object);
  // Applies `mutate` atomically; the result is checked against the stored
  // resourceVersion when it carries one (409 Conflict on mismatch). With
  // createIfAbsent the mutation also runs for a missing object.
  ApiResult<StoredObject> update(const ObjectKey& key, const Mutation& mutate, bool createIfAbsent = false);
  // Deletes, or marks for deletion while finalizers remain.
  ApiResult<StoredObject> remove(const ObjectKey& key);
  // Removes every object of a group-resource in a namespace ("" = all).
  void removeAll(const std::string& groupResource, const std::string& namespaceName);
  // The objects whose metadata.ownerReferences name `uid` (garbage collection).
  std::vector<ObjectKey> ownedBy(const std::string& uid) const;

  // Loads persisted objects (no events); the counter resumes after the newest.
  void restore(const std::string& groupResource, std::vector<nlohmann::json> objects);

 private:
  using Bucket = std::map<std::pair<std::string, std::string>, nlohmann::json>;  // (namespace, name)

  StoredObject insertLocked(const ObjectKey& key, nlohmann::json object);
  StoredObject eraseLocked(const ObjectKey& key, Bucket::iterator where);
  void commitLocked(const std::string& type, const std::string& groupResource, const nlohmann::json& object);
  std::string nextResourceVersionLocked();

  mutable std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;  // by group-resource
  uint64_t resourceVersion_ = 100;
  std::vector<CommitListener> listeners_;
};

// A random RFC 4122 version 4 UUID.
std::string newUid();

}  // namespace ho::kube
