// Server-side Tables (meta.k8s.io/v1 Table) for `kubectl get`: the columns a
// real apiserver prints for the built-in kinds, and a CRD's
// additionalPrinterColumns evaluated as JSONPath, dates shown as ages.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kube/server/resource_registry.h"
#include "kube/server/timestamps.h"

namespace ho::kube {

// The Accept header asks for a Table (`;as=Table;`).
bool wantsTable(std::string_view accept);

struct TableRequest {
  std::string includeObject = "Metadata";  // None, Metadata or Object
  std::string resourceVersion;
  // false: "columnDefinitions": null, as watches send after their first Table.
  bool columnDefinitions = true;
  Clock::time_point now = Clock::now();
};

nlohmann::json buildTable(const ResourceType& type, const std::vector<nlohmann::json>& objects,
                          const TableRequest& request);

}  // namespace ho::kube
