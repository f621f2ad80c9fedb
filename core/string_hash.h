// StringHash: std::hash of a string's characters that accepts std::string and
// std::string_view alike, so that an unordered_map keyed by std::string can be
// searched with a string_view without building a string (C++20 heterogeneous
// lookup; pair it with std::equal_to<>).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace ho {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

}  // namespace ho
