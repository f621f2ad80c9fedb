// NodeArena's bump allocation (see node_arena.h).
#include "templating/node_arena.h"

namespace ho::tmpl {

void* NodeArena::allocateInNewBlock(std::size_t bytes) {
  // A request of more than a quarter block gets a block of its own, and the
  // current block stays in use for the small ones that follow. Blocks come
  // from operator new, aligned for any type.
  if (bytes > kBlockBytes / 4) return blocks_.emplace_back(std::make_unique_for_overwrite<std::byte[]>(bytes)).get();
  std::byte* start = blocks_.emplace_back(std::make_unique_for_overwrite<std::byte[]>(kBlockBytes)).get();
  end_ = start + kBlockBytes;
  next_ = start + bytes;
  return start;
}

}  // namespace ho::tmpl
