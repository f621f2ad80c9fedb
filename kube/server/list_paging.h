// `limit`/`continue` paging of lists, over a consistent snapshot as on
// Kubernetes. A continue token (base64 JSON {"v","rv","start"}, as
// Kubernetes writes them) records the list's resourceVersion and the last key
// served; the next page walks the store snapshot retained at that version
// from just after that key, so a page costs O(log n + page), and objects
// created, changed or deleted after the first page do not show. A token whose
// snapshot has aged out of the store's retention window is 410 Expired with
// Kubernetes' message; the Status then carries an "inconsistent" token (rv
// -1) that continues from the same key on the current objects.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kube/server/api_status.h"
#include "kube/server/object_store.h"
#include "kube/server/router.h"

namespace ho::kube {

struct ListPage {
  std::vector<ObjectPtr> items;
  uint64_t resourceVersion = 0;
  std::string continueToken;                // "" on the last page
  std::optional<int64_t> remainingItemCount;  // only for unfiltered lists, as on Kubernetes
};

// Which objects a list wants; an empty filter takes every object.
using ObjectFilter = std::function<bool(const nlohmann::json& object)>;

// The page of group-resource objects (in `namespaceName`, "" for all) that
// `query` asks for with `limit` and `continue`.
ApiResult<ListPage> listPage(ObjectStore& store, const std::string& groupResource, const std::string& namespaceName,
                             const QueryParams& query, const ObjectFilter& selected);

// The Status body of a failed list: for an expired continue token it also
// carries the inconsistent token that resumes on the current objects.
nlohmann::json listErrorStatus(const ApiError& error, const QueryParams& query);

// Adds continue and remainingItemCount to a list's metadata.
void describePage(const ListPage& page, nlohmann::json& listMetadata);

// A continue token; resourceVersion -1 continues on the current objects.
std::string encodeContinueToken(int64_t resourceVersion, const ObjectId& last);

}  // namespace ho::kube
