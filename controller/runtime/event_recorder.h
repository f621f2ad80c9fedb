// Kubernetes Events (core/v1) about an object, recorded as client-go's
// EventRecorder does: source.component "helm-operator", first/last
// timestamps, and repeats of the same event (same object, type, reason and
// message) folded into the first one by patching its count and
// lastTimestamp instead of creating another Event. Messages are cut to
// 1024 bytes (the API's note limit). Failures to record are logged, never
// returned: Events are informational.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

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
  // Told about every event recorded (type, reason), e.g. to count them.
  std::function<void(std::string_view type, std::string_view reason)> onRecorded;
};

inline constexpr size_t kMaxEventMessageBytes = 1024;

class EventRecorder {
 public:
  EventRecorder(std::shared_ptr<kube::client::RestClient> client, EventRecorderOptions options = {});

  void record(const ObjectReference& object, EventType type, std::string_view reason, std::string_view message);

 private:
  struct Recorded {
    std::string name;
    std::string namespace_;
    std::string firstTimestamp;
    long count = 0;
  };
  bool create(const ObjectReference& object, EventType type, std::string_view reason, const std::string& message,
              Recorded& recorded);
  bool bump(Recorded& recorded, const std::string& message);
  void remember(const std::string& key, Recorded recorded);

  std::shared_ptr<kube::client::RestClient> client_;
  EventRecorderOptions options_;
  std::mutex mutex_;
  std::map<std::string, Recorded> recorded_;  // by aggregation key
  std::deque<std::string> order_;             // keys, oldest first
};

// The message as it is stored: at most kMaxEventMessageBytes, cut at a UTF-8 boundary with "...".
std::string eventMessage(std::string_view message);

}  // namespace ho::controller::runtime
