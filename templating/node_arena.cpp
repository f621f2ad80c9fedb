// NodeArena's bump allocation (see node_arena.h).
#include "templating/node_arena.h"

#include <cstdint>

namespace ho::tmpl {

void* NodeArena::allocate(std::size_t bytes, std::size_t alignment) {
  auto aligned = [alignment](std::byte* at) {
    const auto address = reinterpret_cast<std::uintptr_t>(at);
    return at + ((alignment - address % alignment) % alignment);
  };
  std::byte* start = next_ ? aligned(next_) : nullptr;
  if (start == nullptr || bytes > static_cast<std::size_t>(end_ - start)) {
    // A request of more than a quarter block gets a block of its own, and the
    // current block stays in use for the small ones that follow.
    if (bytes > kBlockBytes / 4) {
      return blocks_.emplace_back(std::make_unique_for_overwrite<std::byte[]>(bytes)).get();
    }
    start = blocks_.emplace_back(std::make_unique_for_overwrite<std::byte[]>(kBlockBytes)).get();
    end_ = start + kBlockBytes;
  }
  next_ = start + bytes;
  return start;
}

}  // namespace ho::tmpl
