// NodeArena: where a template set's parse-tree nodes live. Allocation is a
// pointer bump in fixed-size blocks, and the nodes are freed all at once
// with the arena, with no destructor or free per node. The blocks are all of
// one size so that the allocator reuses their memory once a set is gone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace ho::tmpl {

class NodeArena {
 public:
  NodeArena() = default;
  NodeArena(const NodeArena&) = delete;
  NodeArena& operator=(const NodeArena&) = delete;

  // `bytes` aligned to `alignment` (a power of two, at most
  // alignof(std::max_align_t)), valid as long as the arena.
  void* allocate(std::size_t bytes, std::size_t alignment) {
    const std::uintptr_t start = (reinterpret_cast<std::uintptr_t>(next_) + alignment - 1) & ~(alignment - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(end_);
    if (next_ != nullptr && start <= end && bytes <= end - start) {
      next_ = reinterpret_cast<std::byte*>(start + bytes);
      return reinterpret_cast<void*>(start);
    }
    return allocateInNewBlock(bytes);
  }

 private:
  static constexpr std::size_t kBlockBytes = std::size_t{32} << 10;

  void* allocateInNewBlock(std::size_t bytes);

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* next_ = nullptr;
  std::byte* end_ = nullptr;
};

}  // namespace ho::tmpl
