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

// json.Marshal / MarshalIndent. Errors: "json: unsupported value: NaN" (or +Inf, -Inf).
Result<std::string> toJson(const Value& v, const JsonStyle& style = {});
// json.Unmarshal into interface{}. Errors read like Go's: "unexpected end of JSON
// input", "invalid character 'x' looking for beginning of value", ...
Result<Value> parseJson(std::string_view text);
// json.Unmarshal into map[string]interface{} (fromJson): a map, nil for `null`,
// or "json: cannot unmarshal array into Go value of type map[string]interface {}".
Result<Value> parseJsonMap(std::string_view text);

}  // namespace ho::encoding
