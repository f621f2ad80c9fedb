// WATCH: a chunked stream of {"type","object"} lines. Starts from the given
// resourceVersion, or from a snapshot of the current objects (resourceVersion
// "" or "0", and watch-list's sendInitialEvents=true, which ends the snapshot
// with the k8s.io/initial-events-end bookmark); periodic bookmarks when
// allowed; a 410 Expired ERROR event when the version is too old.
#include <chrono>

#include "kube/server/resource_handler.h"
#include "kube/server/selectors.h"
#include "kube/server/table.h"

namespace ho::kube {
namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kBookmarkInterval = std::chrono::seconds(5);
constexpr auto kDefaultWatchTimeout = std::chrono::seconds(1800);

std::string param(const QueryParams& query, const char* name) {
  const auto found = query.find(name);
  return found == query.end() ? "" : found->second;
}

uint64_t parseVersion(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stoull(text);
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

void ResourceHandler::watch(const ResourceRequest& request, ResponseWriter& writer) {
  std::string fieldSelector = param(request.query, "fieldSelector");
  if (!request.path.name.empty()) {
    fieldSelector += (fieldSelector.empty() ? "" : ",") + std::string("metadata.name=") + request.path.name;
  }
  const auto labels = LabelSelector::parse(param(request.query, "labelSelector"));
  const auto fields = FieldSelector::parse(fieldSelector);
  if (!labels.ok() || !fields.ok()) {
    sendError(writer, labels.ok() ? fields.error() : labels.error());
    return;
  }
  const std::string timeoutText = param(request.query, "timeoutSeconds");
  const auto timeout = timeoutText.empty() ? kDefaultWatchTimeout : std::chrono::seconds(parseVersion(timeoutText));
  const auto deadline = SteadyClock::now() + timeout;
  const bool bookmarks = param(request.query, "allowWatchBookmarks") == "true";
  const bool initialEvents = param(request.query, "sendInitialEvents") == "true";
  const std::string requestedVersion = param(request.query, "resourceVersion");
  const bool asTable = wantsTable(request.http.accept);
  const std::string groupResource = request.type.groupResource();
  const std::string& namespaceName = request.path.namespaceName;

  const auto frame = [&](const std::string& type, const json& object) {
    json payload = object;
    if (asTable && type != "BOOKMARK" && type != "ERROR") {
      TableRequest table;
      table.includeObject = param(request.query, "includeObject").empty() ? "Metadata"
                                                                          : param(request.query, "includeObject");
      payload = buildTable(request.type, {object}, table);
    }
    return writer.writeChunk(json{{"type", type}, {"object", payload}}.dump() + "\n");
  };
  const auto bookmark = [&](uint64_t version, bool initialEventsEnd) {
    json metadata = {{"resourceVersion", std::to_string(version)}};
    if (initialEventsEnd) metadata["annotations"] = {{"k8s.io/initial-events-end", "true"}};
    return frame("BOOKMARK", {{"kind", request.type.kind},
                              {"apiVersion", request.type.groupVersion()},
                              {"metadata", metadata}});
  };
  const auto selected = [&](const json& object) {
    if (!namespaceName.empty() && object["metadata"].value("namespace", "") != namespaceName) return false;
    return labels.value().matches(object["metadata"].value("labels", json())) && fields.value().matches(object);
  };

  if (!writer.beginStream(200, "application/json")) return;
  uint64_t after = parseVersion(requestedVersion);
  if (initialEvents || requestedVersion.empty() || requestedVersion == "0") {
    ObjectStore::Listing listing = store_.list(groupResource, namespaceName);
    after = listing.resourceVersion;
    for (json& object : listing.items) {
      if (selected(object) && !frame("ADDED", present(request.type, std::move(object)))) return;
    }
    if (initialEvents && !bookmark(after, true)) return;
  }
  while (SteadyClock::now() < deadline && !hub_.isShutDown()) {
    const auto waitUntil = std::min(deadline, SteadyClock::now() + kBookmarkInterval);
    ApiResult<std::vector<WatchEvent>> events = hub_.eventsAfter(after, waitUntil);
    if (!events.ok()) {
      frame("ERROR", statusBody(events.error()));
      break;
    }
    if (events.value().empty()) {
      if (bookmarks && !hub_.isShutDown() && !bookmark(after, false)) return;
      continue;
    }
    for (const WatchEvent& event : events.value()) {
      after = event.resourceVersion;
      if (event.groupResource != groupResource || !selected(event.object)) continue;
      if (!frame(event.type, present(request.type, event.object))) return;
    }
  }
  writer.endStream();
}

}  // namespace ho::kube
