// The order go-yaml v2 sorts string map keys in when it emits YAML (sorter.go):
// digit runs compare as numbers ("a2" < "a10"), and non-letters sort before letters.
#pragma once

#include <string_view>

namespace ho::encoding {

bool goYamlKeyLess(std::string_view a, std::string_view b);

}  // namespace ho::encoding
