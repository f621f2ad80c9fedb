// `limit`/`continue` paging of lists. Items come sorted by namespace and
// name; a continue token (base64 JSON {"v","rv","start"}, as Kubernetes
// writes them) records the list's resourceVersion and the last key served,
// and the next page starts after that key.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "kube/server/api_status.h"
#include "kube/server/router.h"

namespace ho::kube {

struct ListPage {
  nlohmann::json items = nlohmann::json::array();
  uint64_t resourceVersion = 0;
  std::string continueToken;     // "" on the last page
  int64_t remainingItemCount = 0;
};

// Cuts the page `query` asks for out of `items` (every match, sorted).
ApiResult<ListPage> pageOf(nlohmann::json items, uint64_t resourceVersion, const QueryParams& query);

// Adds continue and remainingItemCount to a list's metadata.
void describePage(const ListPage& page, nlohmann::json& listMetadata);

}  // namespace ho::kube
