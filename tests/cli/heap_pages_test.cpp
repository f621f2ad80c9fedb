// preferHugeHeapPages is only advice to the kernel: memory allocated after it
// behaves as any other, whatever the machine's transparent huge page setting.
#include "cli/heap_pages.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace ho::cli {
namespace {

TEST(HeapPages, AdviceLeavesAllocationsIntact) {
  preferHugeHeapPages(std::size_t{16} << 20);
  preferHugeHeapPages(0);
  std::vector<std::vector<int>> blocks;
  for (int i = 0; i < 64; ++i) {
    blocks.emplace_back(std::size_t{1} << 15);
    std::iota(blocks.back().begin(), blocks.back().end(), i);
  }
  for (int i = 0; i < 64; ++i) {
    EXPECT_EQ(blocks[static_cast<std::size_t>(i)].front(), i);
    EXPECT_EQ(blocks[static_cast<std::size_t>(i)].back(), i + (1 << 15) - 1);
  }
}

}  // namespace
}  // namespace ho::cli
