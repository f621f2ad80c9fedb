// List paging with continue tokens.
#include "kube/server/list_paging.h"

#include <optional>
#include <utility>

#include "kube/client/base64_codec.h"

namespace ho::kube {
namespace {

using nlohmann::json;

// (namespace, name): the order the store lists objects in.
using ObjectOrder = std::pair<std::string, std::string>;

ObjectOrder orderOf(const json& object) {
  const json& metadata = object["metadata"];
  return {metadata.value("namespace", ""), metadata.value("name", "")};
}

// Tokens write the key as "namespace/name" (namespaces hold no '/').
std::string keyText(const ObjectOrder& order) { return order.first + "/" + order.second; }

ObjectOrder keyFromText(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return {"", text};
  return {text.substr(0, slash), text.substr(slash + 1)};
}

struct ContinueToken {
  uint64_t resourceVersion = 0;
  ObjectOrder start;  // the key after which the page begins
};

std::optional<ContinueToken> parseToken(const std::string& text) {
  const auto decoded = client::base64Decode(text);
  if (!decoded) return std::nullopt;
  const json token = json::parse(*decoded, nullptr, false);
  if (!token.is_object() || token.value("v", "") != "meta.k8s.io/v1" || !token.contains("rv") ||
      !token["rv"].is_number_unsigned() || !token.contains("start") || !token["start"].is_string()) {
    return std::nullopt;
  }
  return ContinueToken{token["rv"].get<uint64_t>(), keyFromText(token["start"].get<std::string>())};
}

}  // namespace

ApiResult<ListPage> pageOf(json items, uint64_t resourceVersion, const QueryParams& query) {
  ListPage page;
  page.resourceVersion = resourceVersion;
  size_t begin = 0;
  if (const auto text = query.find("continue"); text != query.end() && !text->second.empty()) {
    const auto token = parseToken(text->second);
    if (!token) return badRequest("continue key is not valid: the token could not be decoded");
    page.resourceVersion = token->resourceVersion;
    while (begin < items.size() && orderOf(items[begin]) <= token->start) ++begin;
  }
  size_t end = items.size();
  if (const auto limit = query.find("limit"); limit != query.end()) {
    const long long wanted = std::atoll(limit->second.c_str());
    if (wanted > 0 && begin + static_cast<size_t>(wanted) < items.size()) end = begin + static_cast<size_t>(wanted);
  }
  for (size_t i = begin; i < end; ++i) page.items.push_back(std::move(items[i]));
  if (end < items.size()) {
    const json token = {{"v", "meta.k8s.io/v1"}, {"rv", page.resourceVersion}, {"start", keyText(orderOf(page.items.back()))}};
    page.continueToken = client::base64Encode(token.dump());
    page.remainingItemCount = static_cast<int64_t>(items.size() - end);
  }
  return page;
}

void describePage(const ListPage& page, json& listMetadata) {
  if (page.continueToken.empty()) return;
  listMetadata["continue"] = page.continueToken;
  listMetadata["remainingItemCount"] = page.remainingItemCount;
}

}  // namespace ho::kube
