// NodeArena: where a template set's parse-tree nodes live. Allocation is a
// pointer bump in fixed-size blocks, and the nodes are freed all at once
// with the arena, with no destructor or free per node. The blocks are all of
// one size so that the allocator reuses their memory once a set is gone.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace ho::tmpl {

class NodeArena {
 public:
  NodeArena() = default;
  NodeArena(const NodeArena&) = delete;
  NodeArena& operator=(const NodeArena&) = delete;

  // `bytes` aligned to `alignment` (at most alignof(std::max_align_t)), valid as long as the arena.
  void* allocate(std::size_t bytes, std::size_t alignment);

 private:
  static constexpr std::size_t kBlockBytes = std::size_t{32} << 10;

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* next_ = nullptr;
  std::byte* end_ = nullptr;
};

}  // namespace ho::tmpl
