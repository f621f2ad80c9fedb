// TOML output as Helm's toToml produces it (BurntSushi/toml's Encoder).
#pragma once

#include <string>

#include "core/error.h"
#include "core/value.h"

namespace ho::encoding {

// BurntSushi/toml Encode of a map: plain keys first then tables, each group sorted;
// nested tables indented two spaces per level; floats always with a decimal
// point ("3.0", "0.0000001"); nil values omitted. Ends with "\n" after the last
// line (empty string for an empty map). Non-map input is an error.
Result<std::string> toToml(const Value& v);

}  // namespace ho::encoding
