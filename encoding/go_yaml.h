// YAML with the semantics Helm gets from sigs.k8s.io/yaml (go-yaml v2 under a
// YAML->JSON->interface{} conversion): YAML 1.1 scalar resolution, numbers as
// float64, non-string keys turned into strings; and toYaml output that is
// byte-identical to Helm's (sorted keys, go-yaml quoting, block scalars).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/value.h"

namespace ho::encoding {

// sigs.k8s.io/yaml.Unmarshal into map[string]interface{}: what Helm does for
// values files and fromYaml. An empty document (or `null`) is an empty map; a
// top-level scalar or list is an error ("error unmarshaling JSON: while decoding
// JSON: json: cannot unmarshal string into Go value of type map[string]interface {}").
// Numbers are float64; keys are strings (1 -> "1", true/yes/y -> "true",
// 1.5 -> "1.5"; null and huge uint64 keys are errors). Only the first document counts.
// Syntax errors read like Helm's: "error converting YAML to JSON: yaml: line 3: ...".
Result<Value> parseYaml(std::string_view text);

// sigs.k8s.io/yaml.Unmarshal into interface{}: like parseYaml but any top-level
// value (nil for an empty document).
Result<Value> parseYamlAny(std::string_view text);

// go-yaml v2 resolution WITHOUT the JSON round trip, for decoding typed structs
// (Chart.yaml, index.yaml): integers stay int64 (GoType::Int; uint64 beyond
// int64), floats float64, timestamps and everything quoted stay strings, keys as
// in parseYaml. Any top-level value. `version: 1.0` arrives as float64 1,
// `version: 1.10` as float64 1.1, `version: "1.0"` as the string.
Result<Value> parseYamlTyped(std::string_view text);

// Every document of a multi-document stream, each like parseYamlAny (nil for empty ones).
Result<std::vector<Value>> parseYamlDocuments(std::string_view text);

// sigs.k8s.io/yaml.Marshal: JSON round trip then go-yaml v2 emission. Ends with "\n"
// (Helm's toYaml trims that suffix itself). Errors: "json: unsupported value: NaN".
Result<std::string> toYaml(const Value& v);

// go-yaml v3's Encoder with SetIndent(2) applied to the Value itself (no JSON
// round trip): what Helm's toYamlPretty writes. Sequences under a key are
// indented, long lines are not folded, numbers keep their Go formatting
// (float64 1e+20, NaN as .nan). Ends with "\n".
Result<std::string> toYamlV3(const Value& v);

}  // namespace ho::encoding
