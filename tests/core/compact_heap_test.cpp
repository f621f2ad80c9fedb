// CompactHeap: blocks of every size class and large blocks are aligned,
// disjoint and keep their bytes; freed blocks are reused (by their class, and
// freed large blocks, merged with free neighbours, by new runs and smaller
// large blocks); a full region
// returns null for the caller's fallback; the thread adoption is per thread.
#include "core/compact_heap.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <thread>
#include <vector>

namespace ho {
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;

TEST(CompactHeap, BlocksAreAlignedDisjointAndKeepTheirBytes) {
  CompactHeap heap(128 * kMiB);
  ASSERT_TRUE(heap.valid());
  std::mt19937 random(7);
  std::map<std::uintptr_t, std::size_t> live;  // address -> size
  std::vector<std::pair<unsigned char*, std::size_t>> blocks;
  for (int i = 0; i < 20000; ++i) {
    // Mostly small sizes, some around the class boundaries, a few large.
    const std::size_t size = i % 97 == 0  ? 32000 + random() % 100000
                             : i % 5 == 0 ? 257 + random() % 8000
                                          : random() % 300;
    auto* block = static_cast<unsigned char*>(heap.allocate(size));
    ASSERT_NE(block, nullptr);
    ASSERT_TRUE(heap.owns(block));
    ASSERT_EQ(reinterpret_cast<std::uintptr_t>(block) % 16, 0u) << "size " << size;
    const auto address = reinterpret_cast<std::uintptr_t>(block);
    auto after = live.lower_bound(address);
    if (after != live.end()) {
      ASSERT_GE(after->first, address + size) << "overlaps the next block";
    }
    if (after != live.begin()) {
      ASSERT_LE(std::prev(after)->first + std::prev(after)->second, address) << "overlaps the block before";
    }
    live[address] = size;
    std::memset(block, static_cast<int>(i & 0xFF), size);
    blocks.emplace_back(block, size);
    if (random() % 3 == 0) {  // free a random earlier block, checking its bytes first
      const std::size_t pick = random() % blocks.size();
      auto [old, oldSize] = blocks[pick];
      const unsigned char fill = old[0];
      for (std::size_t k = 0; k < oldSize; ++k) ASSERT_EQ(old[k], fill);
      heap.release(old);
      live.erase(reinterpret_cast<std::uintptr_t>(old));
      blocks[pick] = blocks.back();
      blocks.pop_back();
    }
  }
}

TEST(CompactHeap, FreedBlocksAreReused) {
  CompactHeap heap(16 * kMiB);
  ASSERT_TRUE(heap.valid());
  void* small = heap.allocate(40);
  heap.release(small);
  EXPECT_EQ(heap.allocate(48), small);  // same class (33-48 bytes)

  void* large = heap.allocate(1 * kMiB);
  heap.allocate(40000);  // after it: the freed megabyte stays a free block
  const std::size_t extent = heap.extent();
  heap.release(large);
  void* smaller = heap.allocate(512 * 1024);  // split from the freed megabyte
  EXPECT_EQ(smaller, large);
  void* run = heap.allocate(1000);  // a new run carved from the rest of it
  EXPECT_TRUE(run > smaller && static_cast<unsigned char*>(run) < static_cast<unsigned char*>(large) + kMiB);
  EXPECT_EQ(heap.extent(), extent);
}

// Freed large blocks merge with free neighbours on both sides, and a free
// block that reaches the bump pointer goes back to it; the merged space serves
// a block as large as the parts together.
TEST(CompactHeap, FreedLargeBlocksMergeWithTheirFreeNeighbours) {
  CompactHeap heap(16 * kMiB);
  ASSERT_TRUE(heap.valid());
  auto* a = static_cast<unsigned char*>(heap.allocate(64 * 1024));
  auto* b = static_cast<unsigned char*>(heap.allocate(128 * 1024));
  auto* c = static_cast<unsigned char*>(heap.allocate(64 * 1024));
  heap.allocate(40000);  // keeps a, b and c off the top
  ASSERT_EQ(b, a + 64 * 1024);
  ASSERT_EQ(c, b + 128 * 1024);
  const std::size_t extent = heap.extent();
  heap.release(a);
  heap.release(c);
  heap.release(b);  // joins a before it and c after it
  EXPECT_EQ(heap.allocate(256 * 1024), a);
  EXPECT_EQ(heap.extent(), extent);

  void* top = heap.allocate(1 * kMiB);
  const std::size_t below = heap.extent() - kMiB;
  heap.release(top);
  EXPECT_EQ(heap.extent(), below);
  EXPECT_EQ(heap.allocate(2 * kMiB), top);  // from the bump pointer again
}

// Large blocks freed in random order, merged and carved again, never overlap
// a live block and keep their bytes.
TEST(CompactHeap, MergedLargeBlocksStayDisjoint) {
  CompactHeap heap(64 * kMiB);
  ASSERT_TRUE(heap.valid());
  std::mt19937 random(11);
  std::map<std::uintptr_t, std::size_t> live;  // address -> size
  for (int i = 0; i < 20000; ++i) {
    if (live.empty() || random() % 2 == 0) {
      const std::size_t size = i % 3 == 0 ? 1 + random() % 4000 : 32769 + random() % 300000;
      auto* block = static_cast<unsigned char*>(heap.allocate(size));
      if (block == nullptr) continue;  // full: frees come next
      const auto address = reinterpret_cast<std::uintptr_t>(block);
      auto after = live.lower_bound(address);
      if (after != live.end()) {
        ASSERT_GE(after->first, address + size);
      }
      if (after != live.begin()) {
        ASSERT_LE(std::prev(after)->first + std::prev(after)->second, address);
      }
      std::memset(block, static_cast<int>(address >> 12 & 0xFF), size);
      live[address] = size;
    } else {
      auto victim = std::next(live.begin(), static_cast<std::ptrdiff_t>(random() % live.size()));
      const auto* bytes = reinterpret_cast<const unsigned char*>(victim->first);
      const auto fill = static_cast<unsigned char>(victim->first >> 12 & 0xFF);
      ASSERT_EQ(bytes[0], fill);
      ASSERT_EQ(bytes[victim->second - 1], fill);
      heap.release(reinterpret_cast<void*>(victim->first));
      live.erase(victim);
    }
  }
}

TEST(CompactHeap, AFullRegionAnswersNull) {
  CompactHeap heap(2 * kMiB);
  ASSERT_TRUE(heap.valid());
  EXPECT_EQ(heap.allocate(3 * kMiB), nullptr);
  std::size_t handedOut = 0;
  while (heap.allocate(100000) != nullptr) handedOut += 100000;
  EXPECT_GT(handedOut, kMiB);
  EXPECT_EQ(heap.allocate(100000), nullptr);
  EXPECT_FALSE(heap.owns(&handedOut));
}

TEST(CompactHeap, AdoptionIsPerThread) {
  std::thread([] {
    EXPECT_EQ(threadCompactHeap, nullptr);
    adoptCompactHeap(4 * kMiB);
    ASSERT_NE(processCompactHeap, nullptr);
    EXPECT_EQ(threadCompactHeap, processCompactHeap);
    std::thread([] { EXPECT_EQ(threadCompactHeap, nullptr); }).join();
  }).join();
  EXPECT_EQ(threadCompactHeap, nullptr);
}

}  // namespace
}  // namespace ho
