// A heap for the one thread of a short command (`template`) that keeps what
// it hands out in one contiguous, huge-page-advised region: size classes are
// carved from a single bump pointer in runs of a few KiB, so the address space
// it touches grows with what is live (a general allocator that keeps a 64 KiB
// page per size class spread redis's 3 MB live peak over 10 MB, and every
// 2 MiB it touches is a huge page the kernel zeroes). Memory is reused through
// per-class free lists (freed large blocks, merged with free neighbours or
// given back to the bump pointer, also feed new runs and smaller large blocks)
// and never returned to the system; a class cannot lend its
// freed blocks to another, so the caller bounds the region and lets a full
// one fall back to its general allocator.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace ho {

class CompactHeap {
 public:
  // Reserves `capacity` bytes of address space (rounded up to 2 MiB; nothing
  // is touched until used) and advises it for transparent huge pages. When the
  // reservation fails, valid() is false and allocate() always returns null.
  explicit CompactHeap(std::size_t capacity);
  CompactHeap(const CompactHeap&) = delete;
  CompactHeap& operator=(const CompactHeap&) = delete;
  ~CompactHeap();

  bool valid() const { return data_ != nullptr; }

  // A block of at least `size` bytes aligned to 16, or null when the region is
  // full (the caller falls back to another allocator).
  void* allocate(std::size_t size) noexcept;

  // Whether `block` lies in this heap's region.
  bool owns(const void* block) const noexcept {
    const auto address = reinterpret_cast<std::uintptr_t>(block);
    const auto start = reinterpret_cast<std::uintptr_t>(data_);
    return address - start < capacity_;
  }

  // Takes back a block allocate() returned.
  void release(void* block) noexcept;

  // Bytes of the region handed out so far (runs and large blocks, free or not).
  std::size_t extent() const { return bump_; }

 private:
  static constexpr std::size_t kPage = 4096;
  static constexpr std::size_t kSmallClasses = 16;         // 16 to 256 bytes, 16 apart
  static constexpr std::size_t kClasses = kSmallClasses + 7 * 8;  // then 8 per doubling up to 32 KiB
  static constexpr std::uint8_t kLarge = 0xFF;             // page class of a large block's first page
  static constexpr std::uint8_t kFreeLarge = 0xFE;         // ... of a freed one's (merged with freed neighbours)
  static constexpr std::size_t kLargestSmall = 32768;       // the last class's size

  struct FreeBlock {
    FreeBlock* next;
  };
  struct FreeLarge {
    FreeLarge* next;
    std::size_t pages;
  };
  struct Run {  // the part of a class's current run not handed out yet
    std::size_t next = 0;
    std::size_t end = 0;
    std::size_t blocks = 1;  // the next run's
  };

  static std::size_t classOf(std::size_t size);
  static std::size_t classSize(std::size_t index);
  void* allocateSmall(std::size_t index) noexcept;
  void* allocateLarge(std::size_t size) noexcept;
  // The offset of `bytes` (a multiple of kPage) taken from a freed large block
  // or the bump pointer, or npos when the region is full.
  std::size_t carve(std::size_t bytes) noexcept;
  // Records the `pages` at offset `at` as a free large block.
  void markFreeLarge(std::size_t at, std::size_t pages) noexcept;
  // Takes the free large block at `page` off the free list.
  void unlinkFreeLarge(std::size_t page) noexcept;
  // Frees the large block at `page`, merged with the free large blocks on
  // either side, or given back to the bump pointer when it ends there.
  void releaseLarge(std::size_t page) noexcept;

  unsigned char* data_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t bump_ = 0;
  std::uint8_t* pageClass_ = nullptr;   // per page of the region: its class, kLarge or kFreeLarge
  // Per large block's first page its page count, and per free large block's
  // last page too (how a block freed after it finds it).
  std::uint32_t* largePages_ = nullptr;
  std::size_t tablesBytes_ = 0;
  std::array<FreeBlock*, kClasses> free_{};
  std::array<Run, kClasses> runs_{};
  FreeLarge* freeLarge_ = nullptr;
};

// The process's compact heap, once a thread adopted it, and the calling
// thread's (null unless it adopted it). The global operator new of the
// helm-operator executable allocates from the thread's heap and gives blocks
// of the process's heap back to it (blocks freed by other threads stay unused).
extern constinit CompactHeap* processCompactHeap;
extern constinit thread_local CompactHeap* threadCompactHeap;

// Makes the calling thread allocate from the process's compact heap (created
// on first use with `capacity` bytes of address space and kept until exit).
void adoptCompactHeap(std::size_t capacity);

}  // namespace ho
