// values.schema.json validation exactly as Helm 3.17 does it
// (pkg/chartutil/jsonschema.go on github.com/xeipuuv/gojsonschema): the same
// keywords, drafts, error wording, field names ("(root)", "a.b", "list.0") and
// error order. Remote "$ref"s are never fetched; they fail with a clear error.
#pragma once

#include <string_view>

#include "chart/chart.h"
#include "core/error.h"
#include "core/value.h"

namespace ho::chart {

// Helm's ValidateAgainstSchema as its caller reports it: validates `values`
// (the coalesced values) against the chart's schema and each subchart's schema
// against values[subchart name], recursively, and on any failure returns
// "values don't meet the specifications of the schema(s) in the following
// chart(s):\n<chart>:\n- <field>: <description>\n..." (a schema that cannot be
// read or compiled contributes its error text instead of the "- " lines).
// A chart whose `schema` is empty has no schema.
Result<void> validateAgainstSchema(const Chart& chart, const Value& values);

// Helm's ValidateAgainstSingleSchema: the "- <field>: <description>\n" lines
// (or the schema's decode/compile error) as the error message.
Result<void> validateAgainstSingleSchema(const Value& values, std::string_view schemaJson);

}  // namespace ho::chart
