// Measures the remaining native stack of the calling thread (pthread's view of
// its stack bounds, cached per thread) against a fixed safety margin.
#include "core/stack_guard.h"

#include <pthread.h>

#include <cstddef>
#include <cstdint>

namespace ho {
namespace {

// Enough for the deepest non-recursive work done between two checks (a
// function body such as toYaml on a large value, formatting, regex matching).
constexpr std::size_t kSafetyMargin = 256 * 1024;

std::uintptr_t stackLowestUsableAddress() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
  void* base = nullptr;
  std::size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &base, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0) return 0;
  return reinterpret_cast<std::uintptr_t>(base) + kSafetyMargin;
}

}  // namespace

bool stackNearlyExhausted() {
  thread_local const std::uintptr_t limit = stackLowestUsableAddress();
  auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  return limit != 0 && here < limit;
}

}  // namespace ho
