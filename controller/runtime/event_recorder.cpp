// EventRecorder: create or fold Events through the core/v1 events API.
#include "controller/runtime/event_recorder.h"

#include "controller/reconciler/helm_release_object.h"
#include "controller/runtime/structured_log.h"
#include "kube/client/core_resources.h"

namespace ho::controller::runtime {
namespace {

using kube::client::kEvents;

// client-go's name: the object's name and the time in hex nanoseconds.
std::string eventName(const std::string& objectName) {
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  char hex[32];
  std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(nanos));
  return objectName + "." + hex;
}

std::string aggregationKey(const ObjectReference& object, EventType type, std::string_view reason,
                           const std::string& message) {
  std::string key;
  for (std::string_view part : {std::string_view(object.kind), std::string_view(object.namespace_),
                                std::string_view(object.name), std::string_view(object.uid),
                                eventTypeName(type), reason, std::string_view(message)}) {
    key.append(part).push_back('\0');
  }
  return key;
}

}  // namespace

std::string_view eventTypeName(EventType type) { return type == EventType::Warning ? "Warning" : "Normal"; }

std::string eventMessage(std::string_view message) {
  if (message.size() <= kMaxEventMessageBytes) return std::string(message);
  size_t cut = kMaxEventMessageBytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return std::string(message.substr(0, cut)) + "...";
}

EventRecorder::EventRecorder(std::shared_ptr<kube::client::RestClient> client, EventRecorderOptions options)
    : client_(std::move(client)), options_(std::move(options)), writer_([this] { writeLoop(); }) {}

EventRecorder::~EventRecorder() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    drainDeadline_ = std::chrono::steady_clock::now() + options_.drainTimeout;
  }
  changed_.notify_all();
  writer_.join();
}

void EventRecorder::record(const ObjectReference& object, EventType type, std::string_view reason,
                           std::string_view message) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= options_.queueLimit) {
      logLine("warn", "event queue full, dropping event",
              {{"reason", std::string(reason)}, {"object", object.namespace_ + "/" + object.name}});
      return;
    }
    queue_.push_back({object, type, std::string(reason), eventMessage(message)});
  }
  changed_.notify_all();
}

void EventRecorder::flush() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.empty() && !writing_; });
}

void EventRecorder::writeLoop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything queued is written
    if (stopping_ && std::chrono::steady_clock::now() >= drainDeadline_) {
      logLine("warn", "shutting down: events not recorded", {{"count", std::to_string(queue_.size())}});
      return;
    }
    Pending event = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    lock.unlock();
    write(event);
    lock.lock();
    writing_ = false;
    changed_.notify_all();
  }
}

void EventRecorder::write(const Pending& event) {
  const std::string key = aggregationKey(event.object, event.type, event.reason, event.message);
  Recorded recorded;
  if (const auto found = recorded_.find(key); found != recorded_.end()) recorded = found->second;
  const bool written = recorded.count > 0
                           ? bump(recorded, event.message) || create(event.object, event.type, event.reason,
                                                                     event.message, recorded)
                           : create(event.object, event.type, event.reason, event.message, recorded);
  if (!written) return;
  remember(key, std::move(recorded));
  if (options_.onRecorded) options_.onRecorded(eventTypeName(event.type), event.reason);
}

bool EventRecorder::create(const ObjectReference& object, EventType type, std::string_view reason,
                           const std::string& message, Recorded& recorded) {
  const std::string now = metaNow();
  recorded.name = eventName(object.name);
  recorded.namespace_ = object.namespace_.empty() ? "default" : object.namespace_;
  if (recorded.firstTimestamp.empty()) recorded.firstTimestamp = now;
  recorded.count += 1;
  const nlohmann::json event = {
      {"apiVersion", "v1"},
      {"kind", "Event"},
      {"metadata", {{"name", recorded.name}, {"namespace", recorded.namespace_}}},
      {"involvedObject",
       {{"apiVersion", object.apiVersion},
        {"kind", object.kind},
        {"name", object.name},
        {"namespace", object.namespace_},
        {"uid", object.uid},
        {"resourceVersion", object.resourceVersion}}},
      {"reason", reason},
      {"message", message},
      {"type", eventTypeName(type)},
      {"source", {{"component", options_.component}, {"host", options_.host}}},
      {"firstTimestamp", recorded.firstTimestamp},
      {"lastTimestamp", now},
      {"count", recorded.count},
      {"reportingComponent", options_.component},
      {"reportingInstance", options_.host}};
  auto made = client_->create(kube::client::resourcePath(kEvents, recorded.namespace_), event);
  if (!made) {
    logLine("warn", "cannot record event", {{"reason", std::string(reason)}, {"object", object.namespace_ + "/" + object.name},
                                            {"error", made.error().message}});
  }
  return made.ok();
}

// Count+1 and a new lastTimestamp on the Event recorded before; false when it is gone.
bool EventRecorder::bump(Recorded& recorded, const std::string& message) {
  const long count = recorded.count + 1;
  const nlohmann::json change = {{"count", count}, {"lastTimestamp", metaNow()}, {"message", message}};
  auto patched = client_->patch(kube::client::resourcePath(kEvents, recorded.namespace_, recorded.name),
                                kube::client::PatchType::Strategic, change);
  if (!patched) return false;
  recorded.count = count;
  return true;
}

void EventRecorder::remember(const std::string& key, Recorded recorded) {
  const bool known = recorded_.count(key) > 0;
  recorded_[key] = std::move(recorded);
  if (known) return;
  order_.push_back(key);
  while (order_.size() > options_.aggregationCache) {
    recorded_.erase(order_.front());
    order_.pop_front();
  }
}

}  // namespace ho::controller::runtime
