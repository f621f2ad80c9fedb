// The helm-operator executable's global operator new and delete: a thread that
// adopted the compact heap (`template`'s) allocates from it, everything else
// from glibc's malloc. Linked only into the executable, and not into
// sanitizer builds, whose runtimes bring their own operators.
#include <cstdlib>
#include <new>

#include "core/compact_heap.h"

namespace {

void* allocate(std::size_t size) {
  if (ho::CompactHeap* heap = ho::threadCompactHeap) {
    if (void* block = heap->allocate(size)) return block;
  }
  return std::malloc(size == 0 ? 1 : size);
}

void release(void* block) noexcept {
  if (ho::processCompactHeap != nullptr && ho::processCompactHeap->owns(block)) {
    // Another thread's release of a compact-heap block leaves it unused: the
    // heap's free lists belong to the thread that adopted it.
    if (ho::threadCompactHeap != nullptr) ho::threadCompactHeap->release(block);
    return;
  }
  std::free(block);
}

void* allocateOrThrow(std::size_t size) {
  void* block = allocate(size);
  if (block == nullptr) throw std::bad_alloc();
  return block;
}

void* allocateAligned(std::size_t size, std::align_val_t alignment) {
  const auto align = static_cast<std::size_t>(alignment);
  const std::size_t bytes = size == 0 ? 1 : size;  // aligned_alloc wants a multiple of the alignment
  return std::aligned_alloc(align, (bytes + align - 1) / align * align);
}

}  // namespace

void* operator new(std::size_t size) { return allocateOrThrow(size); }
void* operator new[](std::size_t size) { return allocateOrThrow(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void operator delete(void* block) noexcept { release(block); }
void operator delete[](void* block) noexcept { release(block); }
void operator delete(void* block, std::size_t) noexcept { release(block); }
void operator delete[](void* block, std::size_t) noexcept { release(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { release(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { release(block); }

// Over-aligned types go to aligned_alloc, never to the compact heap.
void* operator new(std::size_t size, std::align_val_t alignment) {
  void* block = allocateAligned(size, alignment);
  if (block == nullptr) throw std::bad_alloc();
  return block;
}
void* operator new[](std::size_t size, std::align_val_t alignment) { return operator new(size, alignment); }
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return allocateAligned(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return allocateAligned(size, alignment);
}
void operator delete(void* block, std::align_val_t) noexcept { std::free(block); }
void operator delete[](void* block, std::align_val_t) noexcept { std::free(block); }
void operator delete(void* block, std::size_t, std::align_val_t) noexcept { std::free(block); }
void operator delete[](void* block, std::size_t, std::align_val_t) noexcept { std::free(block); }
void operator delete(void* block, std::align_val_t, const std::nothrow_t&) noexcept { std::free(block); }
void operator delete[](void* block, std::align_val_t, const std::nothrow_t&) noexcept { std::free(block); }
