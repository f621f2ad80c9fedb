// Measures the remaining native stack of the calling thread against a fixed
// safety margin. Thread stacks come from pthread's attributes; the main
// thread's bounds from its rlimit and the top of the process's stack, since
// glibc would find them by reading and parsing /proc/self/maps (~35 us, 2% of
// a small chart's `template`).
#include "core/stack_guard.h"

#include <pthread.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace ho {
namespace {

// Enough for the deepest non-recursive work done between two checks (a
// function body such as toYaml on a large value, formatting, regex matching).
constexpr std::size_t kSafetyMargin = 256 * 1024;
// The main thread's stack when its rlimit is unlimited: what it gets by default.
constexpr std::size_t kUnlimitedMainStack = std::size_t{8} << 20;
constexpr std::uintptr_t kPage = 4096;

std::uintptr_t mainThreadStackBase() {
  rlimit limit{};
  if (getrlimit(RLIMIT_STACK, &limit) != 0) return 0;
  const std::size_t size = limit.rlim_cur == RLIM_INFINITY ? kUnlimitedMainStack : limit.rlim_cur;
  // The kernel puts the executable's name last, at the very top of the stack.
  const auto* name = reinterpret_cast<const char*>(getauxval(AT_EXECFN));
  if (name == nullptr) return 0;
  const std::uintptr_t top = (reinterpret_cast<std::uintptr_t>(name) + std::strlen(name) + kPage) & ~(kPage - 1);
  return top > size ? top - size : 0;
}

std::uintptr_t threadStackBase() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
  void* base = nullptr;
  std::size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &base, &size);
  pthread_attr_destroy(&attr);
  return rc == 0 ? reinterpret_cast<std::uintptr_t>(base) : 0;
}

std::uintptr_t stackLowestUsableAddress() {
  const std::uintptr_t base = gettid() == getpid() ? mainThreadStackBase() : threadStackBase();
  return base == 0 ? 0 : base + kSafetyMargin;
}

}  // namespace

namespace stack_guard_detail {

thread_local constinit std::uintptr_t threadStackLimit = kUnmeasured;

std::uintptr_t measureThreadStackLimit() {
  threadStackLimit = stackLowestUsableAddress();
  return threadStackLimit;
}

}  // namespace stack_guard_detail

}  // namespace ho
