// JSON with Go's encoding/json semantics: Marshal (sorted map keys, HTML-safe
// escaping of <, > and &, float formatting, MarshalIndent) and Unmarshal into
// interface{} (numbers become float64), with Go's error wording.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/value.h"

namespace ho::encoding {

struct JsonStyle {
  bool escapeHtml = true;     // json.Marshal escapes <, >, & (toRawJson does not)
  std::string indent;         // MarshalIndent's indent ("" = compact; toPrettyJson uses "  ")
};

// json.Marshal / MarshalIndent.
Result<std::string> toJson(const Value& v, const JsonStyle& style = {});
// json.Unmarshal into interface{}.
Result<Value> parseJson(std::string_view text);

}  // namespace ho::encoding
