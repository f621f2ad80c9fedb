// The object store: every object keyed by group-resource, namespace and name,
// with the metadata the API server owns (uid, creationTimestamp, one global
// monotonically increasing resourceVersion, generation bumped on changes
// outside metadata and status, finalizers with deletionTimestamp). Every
// committed change is handed to the commit listeners (watches, persistence)
// in resourceVersion order.
//
// Stored objects are immutable shared versions (object_version.h) held in a
// persistent tree per group-resource (object_tree.h): a write replaces the
// version and the path to it, a read or a list takes a snapshot by copying a
// root pointer. Snapshots that paged lists handed out continue tokens for
// are retained for a while (the "compaction window" of continue tokens).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kube/server/api_status.h"
#include "kube/server/object_tree.h"
#include "kube/server/object_version.h"
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

// The objects of one group-resource as of a resourceVersion; they were the
// same at every resourceVersion from unchangedSince on.
struct StoreSnapshot {
  ObjectTree objects;
  uint64_t resourceVersion = 0;
  uint64_t unchangedSince = 0;
};

// How long snapshots behind continue tokens are kept.
struct SnapshotRetention {
  size_t maxSnapshots = 64;
  std::chrono::seconds maxAge{300};  // etcd's default compaction interval
};

// Computes the new object from the current one (nullptr when absent).
using Mutation = std::function<ApiResult<nlohmann::json>(const nlohmann::json* current)>;
using CommitListener = std::function<void(const WatchEvent&)>;

class ObjectStore {
 public:
  explicit ObjectStore(SnapshotRetention retention = {}) : retention_(retention) {}

  // Listeners run under the store lock, in commit order.
  void addCommitListener(CommitListener listener);

  // The current version of an object, null when absent.
  ObjectPtr find(const ObjectKey& key) const;
  std::optional<nlohmann::json> get(const ObjectKey& key) const;
  // The current objects of a group-resource.
  StoreSnapshot snapshot(const std::string& groupResource) const;
  // Keeps a snapshot for continue tokens and exact lists until it ages out
  // of the retention window.
  void retain(const std::string& groupResource, const StoreSnapshot& snapshot);
  // The objects exactly as of `resourceVersion` (reported as that version):
  // from a retained snapshot or the current objects when either holds that
  // state; nullopt when no kept state does (compacted, or in the future).
  std::optional<StoreSnapshot> snapshotAt(const std::string& groupResource, uint64_t resourceVersion) const;

  struct Listing {
    std::vector<ObjectPtr> items;  // shared, not copied
    uint64_t resourceVersion = 0;
  };
  // The current objects; namespaceName "" lists every namespace.
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
  struct RetainedSnapshot {
    std::string groupResource;
    StoreSnapshot snapshot;
    std::chrono::steady_clock::time_point taken;
  };

  StoredObject insertLocked(const ObjectKey& key, nlohmann::json object);
  StoredObject replaceLocked(const ObjectKey& key, nlohmann::json object, const char* eventType);
  StoredObject eraseLocked(const ObjectKey& key, const ObjectPtr& current);
  void commitLocked(const std::string& type, const std::string& groupResource, const ObjectPtr& object,
                    const ObjectPtr& previous);
  std::string nextResourceVersionLocked();
  void expireSnapshotsLocked() const;

  mutable std::mutex mutex_;
  StoreSnapshot currentLocked(const std::string& groupResource) const;

  std::map<std::string, ObjectTree> buckets_;  // by group-resource
  std::map<std::string, uint64_t> lastChanges_;  // by group-resource: the resourceVersion of its newest write
  uint64_t restoredThrough_ = 0;                 // the newest resourceVersion loaded from persistence
  uint64_t resourceVersion_ = 100;
  std::vector<CommitListener> listeners_;
  SnapshotRetention retention_;
  mutable std::deque<RetainedSnapshot> retained_;  // oldest first
};

// A random RFC 4122 version 4 UUID.
std::string newUid();

}  // namespace ho::kube
