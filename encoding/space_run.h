// The end of a run of spaces, sixteen bytes at a time: indentation in JSON and
// YAML documents runs to dozens of spaces a line.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ho::encoding {

// The first position at or after `at` (<= text.size()) that is not a space,
// looking at most `most` bytes ahead: sixteen bytes at a time with SSE2.
inline std::size_t spaceRunEnd(std::string_view text, std::size_t at, std::size_t most = std::string_view::npos) {
  const std::size_t limit = most < text.size() - at ? at + most : text.size();
#if defined(__SSE2__)
  const __m128i spaces = _mm_set1_epi8(' ');
  // Chunks may reach past `limit` (not past the text): a short run ends in the first.
  for (; at < limit && at + 16 <= text.size(); at += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    if (const int other = _mm_movemask_epi8(_mm_cmpeq_epi8(chunk, spaces)) ^ 0xFFFF; other != 0) {
      return std::min(limit, at + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(other))));
    }
  }
  at = std::min(at, limit);
#else
  constexpr std::uint64_t kEightSpaces = 0x2020202020202020;
  for (std::uint64_t word = 0; at + 8 <= limit && (std::memcpy(&word, text.data() + at, 8), word == kEightSpaces);) {
    at += 8;
  }
#endif
  while (at < limit && text[at] == ' ') ++at;
  return at;
}

}  // namespace ho::encoding
