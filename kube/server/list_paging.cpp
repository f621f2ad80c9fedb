// List paging over retained store snapshots.
#include "kube/server/list_paging.h"

#include "kube/client/base64_codec.h"
#include "kube/server/cr_validation.h"

namespace ho::kube {
namespace {

using nlohmann::json;

// Kubernetes' text (k8s.io/apiserver storage errors) for a continue token
// older than the compaction window.
constexpr const char* kInconsistentContinue =
    "The provided continue parameter is too old to display a consistent list result. You can start a new list "
    "without the continue parameter, or use the continue token in this response to retrieve the remainder of the "
    "results. Continuing with the provided token results in an inconsistent list - objects that were created, "
    "modified, or deleted between the time the first chunk was returned and now may show up in the list.";

// Tokens write the key as "namespace/name" (namespaces hold no '/').
std::string keyText(const ObjectId& id) { return id.first + "/" + id.second; }

ObjectId keyFromText(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return {"", text};
  return {text.substr(0, slash), text.substr(slash + 1)};
}

struct ContinueToken {
  int64_t resourceVersion = 0;  // -1: the current objects
  ObjectId start;               // the key after which the page begins
};

std::optional<ContinueToken> parseToken(const std::string& text) {
  const auto decoded = client::base64Decode(text);
  if (!decoded) return std::nullopt;
  const json token = json::parse(*decoded, nullptr, false);
  if (!token.is_object() || token.value("v", "") != "meta.k8s.io/v1" || !token.contains("rv") ||
      !token["rv"].is_number_integer() || !token.contains("start") || !token["start"].is_string()) {
    return std::nullopt;
  }
  return ContinueToken{token["rv"].get<int64_t>(), keyFromText(token["start"].get<std::string>())};
}

std::string param(const QueryParams& query, const char* name) {
  const auto found = query.find(name);
  return found == query.end() ? "" : found->second;
}

// k8s.io/apiserver's text for an exact list at a compacted resourceVersion.
constexpr const char* kListTooOld = "The resourceVersion for the provided list is too old.";

// metainternalversion's ValidateListOptions for resourceVersionMatch.
std::optional<ApiError> checkMatch(const std::string& version, const std::string& match, bool continuing) {
  if (match.empty()) return std::nullopt;
  std::vector<FieldError> errors;
  const auto forbidden = [&](const std::string& why) {
    errors.push_back({"FieldValueForbidden", "resourceVersionMatch", "Forbidden: " + why});
  };
  if (version.empty()) forbidden("resourceVersionMatch is forbidden unless resourceVersion is provided");
  if (continuing) forbidden("resourceVersionMatch is forbidden when continue is provided");
  if (match != "Exact" && match != "NotOlderThan") {
    errors.push_back({"FieldValueNotSupported", "resourceVersionMatch",
                      "Unsupported value: " + json(match).dump() + ": supported values: \"Exact\", \"NotOlderThan\", \"\""});
  }
  if (match == "Exact" && version == "0") forbidden("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
  if (errors.empty()) return std::nullopt;
  return invalidObject("ListOptions.meta.k8s.io", "", errors);
}

// The resourceVersion parameter as Go's strconv.ParseUint reads it ("" and "0" are 0).
ApiResult<uint64_t> parseListVersion(const std::string& text) {
  uint64_t version = 0;
  const auto invalidVersion = [&](const char* why) {
    return badRequest("invalid resource version: resourceVersion: Invalid value: " + json(text).dump() +
                      ": strconv.ParseUint: parsing " + json(text).dump() + ": " + why);
  };
  for (const char digit : text) {
    if (digit < '0' || digit > '9') return invalidVersion("invalid syntax");
    const auto value = static_cast<uint64_t>(digit - '0');
    if (version > (UINT64_MAX - value) / 10) return invalidVersion("value out of range");
    version = version * 10 + value;
  }
  return version;
}

// The objects a list without a continue token reads: the current ones (an
// unset version, "0", NotOlderThan, or a version without a match), or the
// retained state at exactly that version (Exact, and a version with a
// limit, as Kubernetes reads such lists from etcd at that revision).
ApiResult<StoreSnapshot> listSnapshot(ObjectStore& store, const std::string& groupResource, const QueryParams& query,
                                      long long limit) {
  const std::string match = param(query, "resourceVersionMatch");
  const ApiResult<uint64_t> version = parseListVersion(param(query, "resourceVersion"));
  if (!version.ok()) return version.error();
  const uint64_t wanted = version.value();
  const bool exact = match == "Exact" || (match.empty() && limit > 0 && wanted > 0);
  if (!exact) {
    StoreSnapshot current = store.snapshot(groupResource);
    // The watch cache waits for a newer version, then gives up asking to retry in a second.
    if (wanted > current.resourceVersion) return tooLargeResourceVersion(wanted, current.resourceVersion, 1);
    return current;
  }
  if (std::optional<StoreSnapshot> at = store.snapshotAt(groupResource, wanted)) return *std::move(at);
  const uint64_t newest = store.resourceVersion();
  if (wanted > newest) return tooLargeResourceVersion(wanted, newest, 0);
  return expired(kListTooOld);
}

// How many ids sort before the end of a namespace's range ("" = every id).
size_t endOfRange(const ObjectTree& objects, const std::string& namespaceName) {
  if (namespaceName.empty()) return objects.size();
  return objects.countBefore({namespaceName + std::string(1, '\0'), ""});
}

}  // namespace

std::string encodeContinueToken(int64_t resourceVersion, const ObjectId& last) {
  const json token = {{"v", "meta.k8s.io/v1"}, {"rv", resourceVersion}, {"start", keyText(last)}};
  return client::base64Encode(token.dump());
}

ApiResult<ListPage> listPage(ObjectStore& store, const std::string& groupResource, const std::string& namespaceName,
                             const QueryParams& query, const ObjectFilter& selected) {
  const std::string continueText = param(query, "continue");
  const std::string requestedVersion = param(query, "resourceVersion");
  if (auto invalidMatch = checkMatch(requestedVersion, param(query, "resourceVersionMatch"), !continueText.empty())) {
    return *invalidMatch;
  }
  const long long limit = std::atoll(param(query, "limit").c_str());
  std::optional<ContinueToken> token;
  std::optional<StoreSnapshot> snapshot;
  if (!continueText.empty()) {
    token = parseToken(continueText);
    if (!token) return badRequest("continue key is not valid: the token could not be decoded");
    if (!requestedVersion.empty() && requestedVersion != "0") {
      return badRequest("specifying resource version is not allowed when using continue");
    }
    snapshot = token->resourceVersion >= 0 ? store.snapshotAt(groupResource, static_cast<uint64_t>(token->resourceVersion))
                                           : store.snapshot(groupResource);
    if (!snapshot) return expired(kInconsistentContinue);
  } else {
    ApiResult<StoreSnapshot> read = listSnapshot(store, groupResource, query, limit);
    if (!read.ok()) return read.error();
    snapshot = std::move(read).value();
  }
  ListPage page;
  page.resourceVersion = snapshot->resourceVersion;
  std::optional<ObjectId> last;  // set when the page is full
  const ObjectTree::Visitor take = [&](const ObjectId& id, const ObjectPtr& object) {
    if (!namespaceName.empty() && id.first != namespaceName) return id.first < namespaceName;
    if (selected && !selected(object->object())) return true;
    page.items.push_back(object);
    if (limit <= 0 || page.items.size() < static_cast<size_t>(limit)) return true;
    last = id;
    return false;
  };
  const ObjectTree& objects = snapshot->objects;
  if (token) {
    objects.visitFrom(token->start, false, take);
  } else {
    objects.visitFrom({namespaceName, ""}, true, take);
  }
  if (!last) return page;
  bool more = false;
  objects.visitFrom(*last, false, [&](const ObjectId& id, const ObjectPtr&) {
    more = namespaceName.empty() || id.first == namespaceName;
    return false;
  });
  if (!more) return page;
  page.continueToken = encodeContinueToken(static_cast<int64_t>(page.resourceVersion), *last);
  if (!selected) {
    page.remainingItemCount = static_cast<int64_t>(endOfRange(objects, namespaceName) - objects.countBefore(*last) - 1);
  }
  store.retain(groupResource, *snapshot);
  return page;
}

json listErrorStatus(const ApiError& error, const QueryParams& query) {
  json status = statusBody(error);
  if (error.code != 410) return status;
  if (const auto token = parseToken(param(query, "continue"))) {
    status["metadata"]["continue"] = encodeContinueToken(-1, token->start);
  }
  return status;
}

void describePage(const ListPage& page, json& listMetadata) {
  if (page.continueToken.empty()) return;
  listMetadata["continue"] = page.continueToken;
  if (page.remainingItemCount) listMetadata["remainingItemCount"] = *page.remainingItemCount;
}

}  // namespace ho::kube
