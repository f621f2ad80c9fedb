// NodeArena hands out aligned, disjoint memory that stays valid as long as
// the arena: small requests from shared blocks, large ones on their own.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "templating/node_arena.h"

namespace ho::tmpl {
namespace {

struct Span {
  std::uintptr_t begin, end;
};

TEST(NodeArena, AlignedDisjointAndKeptUntilTheArenaGoes) {
  NodeArena arena;
  std::vector<Span> spans;
  std::vector<std::pair<unsigned char*, std::size_t>> filled;
  const std::size_t sizes[] = {1, 7, 16, 24, 40, 72, 100, 4000, 8193, 20000, 70000, 3};
  const std::size_t alignments[] = {1, 2, 4, 8, 16};
  for (int round = 0; round < 400; ++round) {
    const std::size_t bytes = sizes[round % std::size(sizes)];
    const std::size_t alignment = alignments[round % std::size(alignments)];
    auto* memory = static_cast<unsigned char*>(arena.allocate(bytes, alignment));
    ASSERT_NE(memory, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(memory) % alignment, 0u) << bytes << " bytes aligned to " << alignment;
    std::memset(memory, round & 0xFF, bytes);
    spans.push_back({reinterpret_cast<std::uintptr_t>(memory), reinterpret_cast<std::uintptr_t>(memory) + bytes});
    filled.emplace_back(memory, bytes);
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  for (std::size_t i = 1; i < spans.size(); ++i) EXPECT_LE(spans[i - 1].end, spans[i].begin) << "overlap at " << i;
  // Earlier allocations still hold what was written: later ones never reuse them.
  for (std::size_t round = 0; round < filled.size(); ++round) {
    auto [memory, bytes] = filled[round];
    EXPECT_TRUE(std::all_of(memory, memory + bytes, [&](unsigned char c) { return c == (round & 0xFF); })) << round;
  }
}

// Odd sizes fill a block up to its last bytes; an aligned request that no
// longer fits there comes from the next block, never from past the end.
TEST(NodeArena, AlignmentAtTheEndOfABlockMovesToTheNext) {
  NodeArena arena;
  std::vector<Span> spans;
  for (int i = 0; i < 20000; ++i) {
    const std::size_t bytes = i % 2 ? 3 : 8;
    auto* memory = static_cast<unsigned char*>(arena.allocate(bytes, i % 2 ? 1 : 8));
    if (i % 2 == 0) {
      EXPECT_EQ(reinterpret_cast<std::uintptr_t>(memory) % 8, 0u);
    }
    std::memset(memory, 0xAB, bytes);
    spans.push_back({reinterpret_cast<std::uintptr_t>(memory), reinterpret_cast<std::uintptr_t>(memory) + bytes});
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  for (std::size_t i = 1; i < spans.size(); ++i) ASSERT_LE(spans[i - 1].end, spans[i].begin) << "overlap at " << i;
}

}  // namespace
}  // namespace ho::tmpl
