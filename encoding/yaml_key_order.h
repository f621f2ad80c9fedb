// The orders go-yaml v2 and v3 sort string map keys in when it emits YAML (sorter.go):
// digit runs compare as numbers ("a2" < "a10"), and non-letters sort before letters.
#pragma once

#include <string_view>

namespace ho::encoding {

bool goYamlKeyLess(std::string_view a, std::string_view b);

// go-yaml v3's order: the same, except that a letter after a digit run sorts
// after a digit ("a1b" < "a01" < "a9" < "a10" where v2's order has a cycle).
bool goYamlV3KeyLess(std::string_view a, std::string_view b);

}  // namespace ho::encoding
