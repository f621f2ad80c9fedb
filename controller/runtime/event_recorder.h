// Kubernetes Events (core/v1) about an object, recorded as client-go's
// EventRecorder does: source.component "helm-operator", first/last
// timestamps, and repeats of the same event (same object, type, reason and
// message) folded into the first one by patching its count and
// lastTimestamp instead of creating another Event. Messages are cut to
// 1024 bytes (the API's note limit). Recording never blocks the caller: events
// are queued (bounded; overflow is dropped and logged, as client-go's
// broadcaster does) and written by the recorder's own thread, so a slow or
// unavailable API server cannot stall a reconcile. Failures to record are
// logged, never returned: Events are informational.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "kube/client/rest_client.h"

namespace ho::controller::runtime {

// The Event's involvedObject.
struct ObjectReference {
  std::string apiVersion;
  std::string kind;
  std::string name;
  std::string namespace_;
  std::string uid;
  std::string resourceVersion;
};

enum class EventType { Normal, Warning };
std::string_view eventTypeName(EventType type);

struct EventRecorderOptions {
  std::string component = "helm-operator";
  std::string host;              // source.host and reportingInstance
  size_t aggregationCache = 4096;  // events remembered for folding repeats (least recent dropped)
  size_t queueLimit = 1000;        // events waiting to be written; more are dropped
  // On destruction, how long queued events may still be written (an API
  // server that is down must not hold up shutdown); the rest are dropped.
  std::chrono::milliseconds drainTimeout{std::chrono::seconds(5)};
  // Told about every event recorded (type, reason), e.g. to count them.
  std::function<void(std::string_view type, std::string_view reason)> onRecorded;
};

inline constexpr size_t kMaxEventMessageBytes = 1024;

class EventRecorder {
 public:
  EventRecorder(std::shared_ptr<kube::client::RestClient> client, EventRecorderOptions options = {});
  // Writes what is still queued (for at most drainTimeout), then stops the writer.
  ~EventRecorder();
  EventRecorder(const EventRecorder&) = delete;
  EventRecorder& operator=(const EventRecorder&) = delete;

  // Queues the event; it is written (or folded into an earlier one) shortly after.
  void record(const ObjectReference& object, EventType type, std::string_view reason, std::string_view message);
  // Waits until every event queued so far has been written (or failed).
  void flush();

 private:
  struct Pending {
    ObjectReference object;
    EventType type;
    std::string reason;
    std::string message;
  };
  struct Recorded {
    std::string name;
    std::string namespace_;
    std::string firstTimestamp;
    long count = 0;
  };
  void writeLoop();
  void write(const Pending& event);
  bool create(const ObjectReference& object, EventType type, std::string_view reason, const std::string& message,
              Recorded& recorded);
  bool bump(Recorded& recorded, const std::string& message);
  void remember(const std::string& key, Recorded recorded);

  std::shared_ptr<kube::client::RestClient> client_;
  EventRecorderOptions options_;
  // Only the writer thread touches these two.
  std::map<std::string, Recorded> recorded_;  // by aggregation key
  std::deque<std::string> order_;             // keys, oldest first

  std::mutex mutex_;  // guards the queue and the flags below
  std::condition_variable changed_;
  std::deque<Pending> queue_;
  bool writing_ = false;
  bool stopping_ = false;
  std::chrono::steady_clock::time_point drainDeadline_;  // set when stopping_ is
  std::thread writer_;  // last: started once everything above exists
};

// The message as it is stored: at most kMaxEventMessageBytes, cut at a UTF-8 boundary with "...".
std::string eventMessage(std::string_view message);

}  // namespace ho::controller::runtime
