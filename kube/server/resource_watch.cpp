// WATCH: a chunked stream of events. Starts from the given resourceVersion,
// or from a snapshot of the current objects (resourceVersion "" or "0", and
// watch-list's sendInitialEvents=true, which ends the snapshot with the
// k8s.io/initial-events-end bookmark); periodic bookmarks when allowed; a 410
// Expired ERROR event when the version is too old. With a label or field
// selector, an object changed into the selection is ADDED and one changed out
// of it DELETED, as on Kubernetes. Events are JSON lines
// {"type","object"} (Tables when asked for: column definitions in the first
// only, each event's Table built once for all watchers asking alike, see
// watch_table_cache.h), or length-prefixed protobuf
// WatchEvents when the client's Accept prefers protobuf and the kind has a
// protobuf form. Each batch of events goes out as one chunk, built from the
// versions' cached bodies, so watchers do not re-serialize objects.
#include <chrono>
#include <utility>

#include "kube/server/object_encoding.h"
#include "kube/server/protobuf.h"
#include "kube/server/resource_handler.h"
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

bool inNamespace(const json& object, const std::string& namespaceName) {
  const json& metadata = object["metadata"];
  const auto found = metadata.find("namespace");
  return found != metadata.end() && found->is_string() && found->get_ref<const std::string&>() == namespaceName;
}

// The type a selective watch reports `event` as (null: not at all). As on
// Kubernetes, a change that moves an object into the selection is ADDED and
// one that moves it out is DELETED, carrying the object's new version.
template <class Selection>
const std::string* selectedEventType(const WatchEvent& event, const Selection& wanted) {
  static const std::string kAdded = "ADDED", kDeleted = "DELETED";
  const bool selected = wanted(event.object);
  if (event.type == "MODIFIED" && event.previous && selected != wanted(event.previous)) {
    return selected ? &kAdded : &kDeleted;
  }
  return selected ? &event.type : nullptr;
}

enum class WatchEncoding { Json, Table, Protobuf };

WatchEncoding encodingFor(const ResourceType& type, const std::string& accept) {
  if (wantsTable(accept)) return WatchEncoding::Table;
  if (prefersProtobuf(accept) && hasProtobufForm(type.groupVersion(), type.kind)) return WatchEncoding::Protobuf;
  return WatchEncoding::Json;
}

}  // namespace

void ResourceHandler::watch(const ResourceRequest& request, ResponseWriter& writer) {
  ApiResult<ObjectFilter> filter = selectorFilter(request);
  if (!filter.ok()) {
    sendError(writer, filter.error());
    return;
  }
  const ObjectFilter& selected = filter.value();
  const std::string timeoutText = param(request.query, "timeoutSeconds");
  const auto timeout = timeoutText.empty() ? kDefaultWatchTimeout : std::chrono::seconds(parseVersion(timeoutText));
  const auto deadline = SteadyClock::now() + timeout;
  const bool bookmarks = param(request.query, "allowWatchBookmarks") == "true";
  const bool initialEvents = param(request.query, "sendInitialEvents") == "true";
  const std::string requestedVersion = param(request.query, "resourceVersion");
  const WatchEncoding encoding = encodingFor(request.type, request.http.accept);
  const std::string groupResource = request.type.groupResource();
  const std::string& namespaceName = request.path.namespaceName;
  const std::string includeObject =
      param(request.query, "includeObject").empty() ? "Metadata" : param(request.query, "includeObject");

  // Frames of objects that are not stored versions (bookmarks, errors).
  const auto plainFrame = [&](const std::string& type, const json& object) {
    if (encoding != WatchEncoding::Protobuf) return jsonWatchFrame(type, object.dump());
    return protobufWatchFrame(type, encodeProtobufObject(object).value_or(""));
  };
  // Tables carry column definitions in the first event only, as on Kubernetes.
  bool tableHeadersSent = false;
  const auto tableBody = [&](const ObjectVersion& version, bool headers) {
    TableRequest table;
    table.includeObject = includeObject;
    table.resourceVersion = version.object()["metadata"].value("resourceVersion", "");
    table.columnDefinitions = headers;
    return buildTable(request.type, {present(request.type, version.object())}, table).dump();
  };
  // `eventVersion` 0: an object of the initial snapshot, whose Table is this watcher's own.
  const auto objectFrame = [&](const std::string& type, const ObjectVersion& version, uint64_t eventVersion) {
    switch (encoding) {
      case WatchEncoding::Table: {
        const bool headers = !std::exchange(tableHeadersSent, true);
        if (eventVersion == 0) return jsonWatchFrame(type, tableBody(version, headers));
        const std::string variant = request.type.groupVersion() + "/" + request.type.resource + "?includeObject=" +
                                    includeObject + (headers ? "&headers" : "");
        return jsonWatchFrame(type, *tableBodies_.body(eventVersion, variant, [&] { return tableBody(version, headers); }));
      }
      case WatchEncoding::Protobuf:
        return protobufWatchFrame(type, objectProtobuf(request.type, version).value_or(""));
      case WatchEncoding::Json:
        break;
    }
    return jsonWatchFrame(type, objectJson(request.type, version));
  };
  const auto bookmark = [&](uint64_t version, bool initialEventsEnd) {
    json metadata = {{"resourceVersion", std::to_string(version)}};
    if (initialEventsEnd) metadata["annotations"] = {{"k8s.io/initial-events-end", "true"}};
    return plainFrame("BOOKMARK",
                      {{"kind", request.type.kind}, {"apiVersion", request.type.groupVersion()}, {"metadata", metadata}});
  };
  const auto wanted = [&](const ObjectPtr& object) {
    if (!namespaceName.empty() && !inNamespace(object->object(), namespaceName)) return false;
    return !selected || selected(object->object());
  };

  const bool protobuf = encoding == WatchEncoding::Protobuf;
  if (!writer.beginStream(200, protobuf ? kProtobufWatchContentType : "application/json")) return;
  uint64_t after = parseVersion(requestedVersion);
  if (initialEvents || requestedVersion.empty() || requestedVersion == "0") {
    const StoreSnapshot snapshot = store_.snapshot(groupResource);
    after = snapshot.resourceVersion;
    std::string batch;
    snapshot.objects.visitNamespace(namespaceName, [&](const ObjectId&, const ObjectPtr& object) {
      if (wanted(object)) batch += objectFrame("ADDED", *object, 0);
      return true;
    });
    if (initialEvents) batch += bookmark(after, true);
    if (!batch.empty() && !writer.writeChunk(batch)) return;
  }
  while (SteadyClock::now() < deadline && !hub_.isShutDown()) {
    const auto waitUntil = std::min(deadline, SteadyClock::now() + kBookmarkInterval);
    ApiResult<std::vector<SharedWatchEvent>> events = hub_.eventsAfter(after, waitUntil);
    if (!events.ok()) {
      writer.writeChunk(plainFrame("ERROR", statusBody(events.error())));
      break;
    }
    if (events.value().empty()) {
      if (bookmarks && !hub_.isShutDown() && !writer.writeChunk(bookmark(after, false))) return;
      continue;
    }
    std::string batch;
    for (const SharedWatchEvent& event : events.value()) {
      after = event->resourceVersion;
      if (event->groupResource != groupResource) continue;
      const std::string* type = selectedEventType(*event, wanted);
      if (type == nullptr) continue;
      batch += objectFrame(*type, *event->object, event->resourceVersion);
    }
    if (!batch.empty() && !writer.writeChunk(batch)) return;
  }
  writer.endStream();
}

}  // namespace ho::kube
