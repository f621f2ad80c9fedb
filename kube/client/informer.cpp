// Informer: list, watch, resume, relist on 410, cache and handlers.
#include "kube/client/informer.h"

namespace ho::kube::client {

std::string objectKey(const nlohmann::json& object) {
  const auto metadata = object.value("metadata", nlohmann::json::object());
  const std::string ns = metadata.value("namespace", "");
  const std::string name = metadata.value("name", "");
  return ns.empty() ? name : ns + "/" + name;
}

Informer::Informer(std::shared_ptr<RestClient> client, InformerOptions options, InformerHandlers handlers)
    : client_(std::move(client)), options_(std::move(options)), handlers_(std::move(handlers)) {}

Informer::~Informer() { stop(); }

void Informer::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void Informer::stop() {
  stopping_ = true;
  cancel_.cancel();
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool Informer::waitForSync(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return wake_.wait_for(lock, timeout, [this] { return synced_; });
}

std::optional<nlohmann::json> Informer::get(const std::string& key) const {
  std::lock_guard lock(mutex_);
  const auto found = cache_.find(key);
  if (found == cache_.end()) return std::nullopt;
  return found->second;
}

std::vector<nlohmann::json> Informer::list() const {
  std::lock_guard lock(mutex_);
  std::vector<nlohmann::json> objects;
  for (const auto& [key, object] : cache_) objects.push_back(object);
  return objects;
}

std::vector<std::string> Informer::keys() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> keys;
  keys.reserve(cache_.size());
  for (const auto& entry : cache_) keys.push_back(entry.first);
  return keys;
}

std::string Informer::resourceVersion() const {
  std::lock_guard lock(mutex_);
  return resourceVersion_;
}

void Informer::pause() {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, options_.retryDelay, [this] { return stopping_.load(); });
}

bool Informer::relist() {
  ++lists_;
  std::string path = resourcePath(options_.type, options_.namespace_);
  if (!options_.labelSelector.empty()) path += "?labelSelector=" + queryEscape(options_.labelSelector);
  auto listed = client_->get(path);
  if (!listed) return false;
  std::map<std::string, nlohmann::json> fresh;
  auto items = listed->value("items", nlohmann::json::array());
  for (auto& item : items) {
    // List items may omit kind/apiVersion; give them the ones a watch carries.
    if (!item.contains("kind")) item["kind"] = options_.type.kind;
    if (!item.contains("apiVersion")) item["apiVersion"] = options_.type.apiVersion();
    fresh.emplace(objectKey(item), item);
  }
  std::map<std::string, nlohmann::json> previous;
  {
    std::lock_guard lock(mutex_);
    previous.swap(cache_);
    cache_ = fresh;
    resourceVersion_ = listed->value("metadata", nlohmann::json::object()).value("resourceVersion", "");
  }
  for (const auto& [key, object] : fresh) {
    const auto old = previous.find(key);
    if (old == previous.end()) {
      if (handlers_.onAdd) handlers_.onAdd(object);
    } else if (old->second != object && handlers_.onUpdate) {
      handlers_.onUpdate(old->second, object);
    }
  }
  for (const auto& [key, object] : previous) {
    if (!fresh.count(key) && handlers_.onDelete) handlers_.onDelete(object);
  }
  {
    std::lock_guard lock(mutex_);
    synced_ = true;
  }
  wake_.notify_all();
  return true;
}

void Informer::apply(const WatchEvent& event) {
  const std::string version = event.object.value("metadata", nlohmann::json::object()).value("resourceVersion", "");
  if (event.type == "BOOKMARK") {
    std::lock_guard lock(mutex_);
    if (!version.empty()) resourceVersion_ = version;
    return;
  }
  const std::string key = objectKey(event.object);
  std::optional<nlohmann::json> old;
  {
    std::lock_guard lock(mutex_);
    if (!version.empty()) resourceVersion_ = version;
    if (const auto found = cache_.find(key); found != cache_.end()) old = found->second;
    if (event.type == "DELETED") {
      cache_.erase(key);
    } else {
      cache_[key] = event.object;
    }
  }
  if (event.type == "DELETED") {
    if (handlers_.onDelete) handlers_.onDelete(old ? *old : event.object);
  } else if (old) {
    if (handlers_.onUpdate) handlers_.onUpdate(*old, event.object);
  } else if (handlers_.onAdd) {
    handlers_.onAdd(event.object);
  }
}

void Informer::run() {
  bool needList = true;
  while (!stopping_) {
    if (needList) {
      if (!relist()) {
        pause();
        continue;
      }
      needList = false;
    }
    WatchRequest watch;
    watch.path = resourcePath(options_.type, options_.namespace_);
    watch.resourceVersion = resourceVersion();
    watch.labelSelector = options_.labelSelector;
    watch.timeoutSeconds = options_.watchTimeoutSeconds;
    auto ended = client_->watch(
        watch,
        [this](const WatchEvent& event) {
          apply(event);
          return !stopping_;
        },
        &cancel_);
    if (ended) continue;  // the server's timeout: watch again from the last version seen
    if (stopping_) break;
    if (ended.error().isGone()) {
      needList = true;
      continue;
    }
    pause();  // a dropped connection: resume from the last version after a pause
  }
}

}  // namespace ho::kube::client
