// The directive keys of strategic merge patches.
#pragma once

#include <string_view>

namespace ho::kube::patch {

inline constexpr std::string_view kPatchDirective = "$patch";  // "delete", "replace" or "merge"
inline constexpr std::string_view kRetainKeysDirective = "$retainKeys";
inline constexpr std::string_view kSetElementOrderPrefix = "$setElementOrder";
inline constexpr std::string_view kDeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";

}  // namespace ho::kube::patch
