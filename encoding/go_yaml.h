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

// sigs.k8s.io/yaml.Unmarshal into interface{}: what Helm does for values files
// and fromYaml. Errors read like Helm's ("error converting YAML to JSON: yaml: line 3: ...").
Result<Value> parseYaml(std::string_view text);

// Every document of a multi-document stream (fromYamlArray-like uses, CRDs).
Result<std::vector<Value>> parseYamlDocuments(std::string_view text);

// sigs.k8s.io/yaml.Marshal: JSON round trip then go-yaml v2 emission. Ends with "\n"
// (Helm's toYaml trims that suffix itself).
Result<std::string> toYaml(const Value& v);

}  // namespace ho::encoding
