// Parsing request bodies as JSON with Go's nesting limit, so a deeply nested
// body is refused instead of overflowing the stack of the recursive JSON
// copies and patch algorithms behind it.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace ho::kube {

// encoding/json's maxNestingDepth, which the Kubernetes API server inherits.
inline constexpr int kMaxJsonNestingDepth = 10000;

// json::parse(text, nullptr, false), except that arrays and objects nested
// deeper than kMaxJsonNestingDepth also give a discarded value.
nlohmann::json parseBoundedJson(std::string_view text);

}  // namespace ho::kube
