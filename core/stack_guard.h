// A guard against native stack overflow: recursive parsers, decoders, emitters
// and the template executor ask it before going deeper, so hostile input fails
// with an error instead of crashing, whatever the thread's stack size. The
// question is asked at every node of a walk, so its answer is inline: one
// thread-local read and a compare.
#pragma once

#include <cstdint>

namespace ho {
namespace stack_guard_detail {

inline constexpr std::uintptr_t kUnmeasured = 1;
// The lowest stack address the calling thread may reach (0: no bound known;
// kUnmeasured until it first asks). Constant-initialized, so reading it needs
// no initialization check.
extern thread_local constinit std::uintptr_t threadStackLimit;
// Works out the calling thread's limit and stores it in threadStackLimit.
std::uintptr_t measureThreadStackLimit();

inline std::uintptr_t stackPointer() {
#if defined(__x86_64__)
  std::uintptr_t sp;
  asm volatile("mov %%rsp, %0" : "=r"(sp));
  return sp;
#else
  return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
#endif
}

}  // namespace stack_guard_detail

// True when less than a safety margin of the current thread's stack remains.
inline bool stackNearlyExhausted() {
  std::uintptr_t limit = stack_guard_detail::threadStackLimit;
  if (limit == stack_guard_detail::kUnmeasured) [[unlikely]] {
    limit = stack_guard_detail::measureThreadStackLimit();
  }
  return stack_guard_detail::stackPointer() < limit;
}

}  // namespace ho
