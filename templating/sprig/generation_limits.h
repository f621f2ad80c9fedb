// Bounds on what one Sprig call may generate, so a hostile or mistaken
// template (`until 100000000000`, `randAlpha 1e12`) fails with a clear error
// instead of exhausting memory the way Helm does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ho::tmpl {

inline constexpr std::int64_t kMaxGeneratedItems = 10'000'000;
inline constexpr std::int64_t kMaxGeneratedBytes = 256LL * 1024 * 1024;

// Throws when `count` items (or bytes) exceed `limit`, naming the function.
inline void checkGenerated(std::string_view function, std::int64_t count, std::int64_t limit, std::string_view unit) {
  if (count > limit) {
    throw Failure(std::string(function) + ": " + std::to_string(count) + " " + std::string(unit) +
                  " exceed the limit of " + std::to_string(limit));
  }
}

}  // namespace ho::tmpl
