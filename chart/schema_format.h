// The "format" keyword as gojsonschema checks it (its FormatCheckers): date,
// time, date-time (Go's time.Parse layouts), email, hostname, ipv4/ipv6 (Go's
// net.ParseIP), uri/uri-reference/uri-template (Go's url.Parse), uuid, regex,
// json-pointer, relative-json-pointer. Unknown formats pass; a known format
// rejects a non-string (gojsonschema v1.2.0 checks numbers too, and fails them).
#pragma once

#include <string_view>

#include "core/value.h"

namespace ho::chart {

bool matchesFormat(std::string_view format, const Value& value);

}  // namespace ho::chart
