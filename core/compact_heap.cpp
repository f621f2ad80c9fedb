// CompactHeap: size classes and large blocks carved from one bump pointer
// (see compact_heap.h).
#include "core/compact_heap.h"

#include <sys/mman.h>

#include <bit>
#include <memory>

namespace ho {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::size_t roundUp(std::size_t value, std::size_t to) { return (value + to - 1) / to * to; }

void* mapAnonymous(std::size_t bytes) {
  void* mapped = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return mapped == MAP_FAILED ? nullptr : mapped;
}

}  // namespace

CompactHeap::CompactHeap(std::size_t capacity) {
  capacity = roundUp(capacity, kHugePage);
  const std::size_t pages = capacity / kPage;
  tablesBytes_ = roundUp(pages * (sizeof(std::uint8_t) + sizeof(std::uint32_t)), kPage);
  // One extra huge page so that the data starts on a huge-page boundary.
  void* tables = mapAnonymous(tablesBytes_);
  void* region = tables ? mapAnonymous(capacity + kHugePage) : nullptr;
  if (region == nullptr) {
    if (tables) munmap(tables, tablesBytes_);
    return;
  }
  const auto start = reinterpret_cast<std::uintptr_t>(region);
  const std::uintptr_t aligned = roundUp(start, kHugePage);
  if (aligned > start) munmap(region, aligned - start);
  if (const std::uintptr_t tail = start + kHugePage - aligned; tail > 0) {
    munmap(reinterpret_cast<void*>(aligned + capacity), tail);
  }
  data_ = reinterpret_cast<unsigned char*>(aligned);
  capacity_ = capacity;
  madvise(data_, capacity_, MADV_HUGEPAGE);  // only advice: without THP, plain pages
  pageClass_ = static_cast<std::uint8_t*>(tables);
  largePages_ = reinterpret_cast<std::uint32_t*>(pageClass_ + roundUp(pages, alignof(std::uint32_t)));
}

CompactHeap::~CompactHeap() {
  if (data_ == nullptr) return;
  munmap(data_, capacity_);
  munmap(pageClass_, tablesBytes_);
}

std::size_t CompactHeap::classOf(std::size_t size) {
  if (size <= 256) return size == 0 ? 0 : (size - 1) / 16;
  // 257..512 is the first doubling: eight classes 32 apart, then 64 apart...
  const auto width = static_cast<std::size_t>(std::bit_width(size - 1));  // 9 for 257..512
  const std::size_t step = width - 4;
  return kSmallClasses + (width - 9) * 8 + ((size - 1) >> step) - 8;
}

std::size_t CompactHeap::classSize(std::size_t index) {
  if (index < kSmallClasses) return (index + 1) * 16;
  const std::size_t doubling = (index - kSmallClasses) / 8;
  const std::size_t within = (index - kSmallClasses) % 8;
  return (std::size_t{256} << doubling) + (within + 1) * (std::size_t{32} << doubling);
}

std::size_t CompactHeap::carve(std::size_t bytes) noexcept {
  // The first freed large block big enough (most recently freed first: its
  // pages are the likeliest to be resident), split when bigger; else fresh pages.
  const std::size_t pages = bytes / kPage;
  for (FreeLarge** link = &freeLarge_; *link != nullptr; link = &(*link)->next) {
    FreeLarge* candidate = *link;
    if (candidate->pages < pages) continue;
    *link = candidate->next;
    const std::size_t at = static_cast<std::size_t>(reinterpret_cast<unsigned char*>(candidate) - data_);
    if (candidate->pages > pages) markFreeLarge(at + bytes, candidate->pages - pages);
    return at;
  }
  if (bytes > capacity_ - bump_) return kNone;
  const std::size_t at = bump_;
  bump_ += bytes;
  return at;
}

void CompactHeap::markFreeLarge(std::size_t at, std::size_t pages) noexcept {
  pageClass_[at / kPage] = kFreeLarge;
  largePages_[at / kPage] = static_cast<std::uint32_t>(pages);
  largePages_[at / kPage + pages - 1] = static_cast<std::uint32_t>(pages);
  auto* freed = reinterpret_cast<FreeLarge*>(data_ + at);
  freed->pages = pages;
  freed->next = freeLarge_;
  freeLarge_ = freed;
}

void* CompactHeap::allocate(std::size_t size) noexcept {
  if (data_ == nullptr) return nullptr;
  if (size > kLargestSmall) return allocateLarge(size);
  return allocateSmall(classOf(size));
}

void* CompactHeap::allocateSmall(std::size_t index) noexcept {
  if (FreeBlock* block = free_[index]) {
    free_[index] = block->next;
    return block;
  }
  const std::size_t size = classSize(index);
  Run& run = runs_[index];
  if (run.end - run.next < size) {
    // A new run in whole pages, each page marked with the class: the class's
    // first run as small as one block allows (many classes of a few KiB serve
    // a block or two in a whole run), later ones at least four blocks.
    const std::size_t bytes = roundUp(size * run.blocks, kPage);
    if (run.blocks < 4) run.blocks *= 2;
    const std::size_t at = carve(bytes);
    if (at == kNone) return nullptr;
    for (std::size_t page = at / kPage; page < (at + bytes) / kPage; ++page) {
      pageClass_[page] = static_cast<std::uint8_t>(index);
    }
    run = Run{at, at + bytes};
  }
  void* block = data_ + run.next;
  run.next += size;
  return block;
}

void* CompactHeap::allocateLarge(std::size_t size) noexcept {
  const std::size_t pages = roundUp(size, kPage) / kPage;
  if (pages > UINT32_MAX) return nullptr;
  const std::size_t at = carve(pages * kPage);
  if (at == kNone) return nullptr;
  pageClass_[at / kPage] = kLarge;
  largePages_[at / kPage] = static_cast<std::uint32_t>(pages);
  return data_ + at;
}

void CompactHeap::unlinkFreeLarge(std::size_t page) noexcept {
  const auto* target = reinterpret_cast<const FreeLarge*>(data_ + page * kPage);
  for (FreeLarge** link = &freeLarge_; *link != nullptr; link = &(*link)->next) {
    if (*link == target) {
      *link = target->next;
      return;
    }
  }
}

void CompactHeap::releaseLarge(std::size_t page) noexcept {
  std::size_t pages = largePages_[page];
  // The next block, when free: its first page, right after this block's last.
  if (const std::size_t next = page + pages; next < bump_ / kPage && pageClass_[next] == kFreeLarge) {
    unlinkFreeLarge(next);
    pageClass_[next] = 0;  // inside a free block now
    pages += largePages_[next];
  }
  // The block before, when free: the page count at its last page leads to its
  // first, which says whether it is free and that long (the count alone may be
  // left from an older block).
  if (page > 0) {
    const std::size_t before = largePages_[page - 1];
    if (before > 0 && before <= page && pageClass_[page - before] == kFreeLarge &&
        largePages_[page - before] == before) {
      unlinkFreeLarge(page - before);
      pageClass_[page] = 0;
      page -= before;
      pages += before;
    }
  }
  if ((page + pages) * kPage == bump_) {
    pageClass_[page] = 0;
    bump_ = page * kPage;
    return;
  }
  markFreeLarge(page * kPage, pages);
}

void CompactHeap::release(void* block) noexcept {
  const std::size_t page = static_cast<std::size_t>(static_cast<unsigned char*>(block) - data_) / kPage;
  const std::uint8_t index = pageClass_[page];
  if (index == kLarge) {
    releaseLarge(page);
    return;
  }
  auto* freed = static_cast<FreeBlock*>(block);
  freed->next = free_[index];
  free_[index] = freed;
}

constinit CompactHeap* processCompactHeap = nullptr;
constinit thread_local CompactHeap* threadCompactHeap = nullptr;

void adoptCompactHeap(std::size_t capacity) {
  if (processCompactHeap == nullptr) {
    // Never destroyed: blocks may be released by destructors that run at exit.
    alignas(CompactHeap) static unsigned char storage[sizeof(CompactHeap)];
    CompactHeap* heap = std::construct_at(reinterpret_cast<CompactHeap*>(storage), capacity);
    if (!heap->valid()) return;
    processCompactHeap = heap;
  }
  threadCompactHeap = processCompactHeap;
}

}  // namespace ho
