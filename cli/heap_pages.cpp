// The heap's next range advised for transparent huge pages (see heap_pages.h).
#include "cli/heap_pages.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>

namespace ho::cli {

void preferHugeHeapPages(std::size_t span) {
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  // An allocation made now lies where the allocator hands out memory next
  // (mimalloc's current segment, or glibc's heap top).
  void* probe = std::malloc(1);
  if (probe == nullptr) return;
  const std::uintptr_t start = reinterpret_cast<std::uintptr_t>(probe) & ~(kHugePage - 1);
  std::free(probe);
  // Fails harmlessly (ENOMEM) over any part of the range that is not mapped.
  madvise(reinterpret_cast<void*>(start), span, MADV_HUGEPAGE);
}

}  // namespace ho::cli
