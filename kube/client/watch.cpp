// RestClient::watch: a chunked stream of JSON lines, one event per line.
#include "kube/client/rest_client.h"

namespace ho::kube::client {

namespace {

std::string watchTarget(const WatchRequest& watch) {
  std::string target = watch.path + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=" +
                       std::to_string(watch.timeoutSeconds);
  if (!watch.resourceVersion.empty()) target += "&resourceVersion=" + queryEscape(watch.resourceVersion);
  if (!watch.labelSelector.empty()) target += "&labelSelector=" + queryEscape(watch.labelSelector);
  if (!watch.fieldSelector.empty()) target += "&fieldSelector=" + queryEscape(watch.fieldSelector);
  return target;
}

}  // namespace

ApiResult<std::string> RestClient::watch(const WatchRequest& watch,
                                         const std::function<bool(const WatchEvent&)>& onEvent, StreamCancel* cancel) {
  HttpCall call;
  call.target = watchTarget(watch);
  std::string lastVersion = watch.resourceVersion;
  std::string pending;
  std::optional<ApiError> streamError;
  bool stopped = false;

  const auto handleLine = [&](std::string_view line) {
    if (line.find_first_not_of(" \r\t") == std::string_view::npos) return true;
    auto frame = nlohmann::json::parse(line, nullptr, false);
    if (!frame.is_object() || !frame.contains("type")) {
      streamError = transportError("watch " + watch.path + ": undecodable event: " + std::string(line.substr(0, 200)));
      return false;
    }
    WatchEvent event{frame.value("type", ""), frame.value("object", nlohmann::json::object())};
    if (!event.object.is_object()) event.object = nlohmann::json::object();
    if (event.type == "ERROR") {
      streamError = errorFromResponse(event.object.value("code", 500), event.object.dump());
      return false;
    }
    const auto metadata = event.object.is_object() ? event.object.value("metadata", nlohmann::json::object())
                                                   : nlohmann::json::object();
    if (const auto version = metadata.value("resourceVersion", ""); !version.empty()) {
      lastVersion = version;
    }
    if (!onEvent(event)) {
      stopped = true;
      return false;
    }
    return true;
  };

  waitForToken();
  const auto idle = std::chrono::seconds(watch.timeoutSeconds + 30);
  auto reply = transport_->stream(
      call, idle,
      [&](std::string_view data) {
        pending.append(data);
        size_t start = 0;
        for (size_t newline; (newline = pending.find('\n', start)) != std::string::npos; start = newline + 1) {
          if (!handleLine(std::string_view(pending).substr(start, newline - start))) return false;
        }
        pending.erase(0, start);
        return true;
      },
      cancel);
  if (streamError) return *streamError;
  if (!reply) return reply.error();
  if (reply->status < 200 || reply->status >= 300) return errorFromResponse(reply->status, reply->body, reply->retryAfter);
  if (!stopped && !pending.empty()) handleLine(pending);
  if (streamError) return *streamError;
  return lastVersion;
}

}  // namespace ho::kube::client
