// List paging over retained store snapshots.
#include "kube/server/list_paging.h"

#include "kube/client/base64_codec.h"

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
  std::optional<ContinueToken> token;
  if (const std::string text = param(query, "continue"); !text.empty()) {
    token = parseToken(text);
    if (!token) return badRequest("continue key is not valid: the token could not be decoded");
  }
  std::optional<StoreSnapshot> snapshot;
  if (token && token->resourceVersion >= 0) {
    snapshot = store.retained(groupResource, static_cast<uint64_t>(token->resourceVersion));
    if (!snapshot) return expired(kInconsistentContinue);
  } else {
    snapshot = store.snapshot(groupResource);
  }
  const long long limit = std::atoll(param(query, "limit").c_str());
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
