// The JSONPath subset CRD additionalPrinterColumns use: `.a.b`, `['a.b']`,
// `[0]`, `[*]`, `.*` and filters `[?(@.type=="Ready")]` (== and !=).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace ho::kube {

// Every value the path selects, in document order; empty when nothing
// matches or the path cannot be parsed.
std::vector<nlohmann::json> evaluateJsonPath(const nlohmann::json& root, std::string_view path);

}  // namespace ho::kube
