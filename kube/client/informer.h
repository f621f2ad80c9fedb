// An informer (client-go's reflector + store + handlers): lists a resource,
// then watches from the list's resourceVersion with bookmarks, resumes from
// the last version seen after a dropped connection or a watch timeout,
// lists again on 410 Gone, keeps a local cache of the objects, and calls
// handlers for adds, updates and deletes (a relist reports the differences).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kube/client/rest_client.h"

namespace ho::kube::client {

struct InformerHandlers {
  std::function<void(const nlohmann::json& object)> onAdd;
  std::function<void(const nlohmann::json& oldObject, const nlohmann::json& newObject)> onUpdate;
  std::function<void(const nlohmann::json& object)> onDelete;
};

struct InformerOptions {
  ResourceType type;
  std::string namespace_;  // "" = all namespaces
  std::string labelSelector;
  int watchTimeoutSeconds = 300;
  std::chrono::milliseconds retryDelay{1000};  // after a failed list or watch
};

// "namespace/name", or "name" for cluster-scoped objects (client-go's key).
std::string objectKey(const nlohmann::json& object);

class Informer {
 public:
  Informer(std::shared_ptr<RestClient> client, InformerOptions options, InformerHandlers handlers);
  ~Informer();
  Informer(const Informer&) = delete;
  Informer& operator=(const Informer&) = delete;

  void start();
  // Ends the watch and joins the thread.
  void stop();
  // True once the first list has been delivered.
  bool waitForSync(std::chrono::milliseconds timeout);

  std::optional<nlohmann::json> get(const std::string& key) const;
  std::vector<nlohmann::json> list() const;
  // The keys of the cached objects ("namespace/name"), without copying them.
  std::vector<std::string> keys() const;
  std::string resourceVersion() const;
  int listCount() const { return lists_; }  // how many LISTs were made (relists included)

 private:
  void run();
  bool relist();
  void apply(const WatchEvent& event);
  void pause();

  std::shared_ptr<RestClient> client_;
  InformerOptions options_;
  InformerHandlers handlers_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, nlohmann::json> cache_;
  std::string resourceVersion_;
  bool synced_ = false;
  std::atomic<bool> stopping_ = false;
  std::atomic<int> lists_ = 0;
  StreamCancel cancel_;
  std::thread thread_;
};

}  // namespace ho::kube::client
