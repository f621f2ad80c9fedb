// core/stack_guard: a fresh thread has room; recursion that asks the guard
// stops before the stack runs out, however small the thread's stack, and on
// the main thread too.
#include "core/stack_guard.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include "tests/core/stack_thread.h"

namespace {

// Recurses until the guard says stop; returns the depth reached.
int recurseUntilGuarded(int depth) {
  volatile char frame[512] = {};  // a frame of some size, as a parser's would be
  if (ho::stackNearlyExhausted()) return depth;
  return recurseUntilGuarded(depth + 1) + frame[0];  // frame[0] is 0; using it keeps the call from being a jump
}

TEST(StackGuard, FreshThreadHasRoom) { EXPECT_FALSE(ho::stackNearlyExhausted()); }

TEST(StackGuard, RecursionStopsBeforeASmallStackOverflows) {
  int reached = 0;
  ho::testing::runWithStack(1 << 20, [&] { reached = recurseUntilGuarded(0); });
  EXPECT_GT(reached, 100);
  EXPECT_LT(reached, 2048);  // 1 MiB of 512-byte frames, less the safety margin
}

// The main thread's bounds come from its rlimit, not from pthread (gtest runs
// tests on the main thread).
TEST(StackGuard, MainThreadRecursionStopsWithinItsRlimit) {
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_STACK, &limit), 0);
  const int reached = recurseUntilGuarded(0);
  EXPECT_GT(reached, 1000);
  if (limit.rlim_cur != RLIM_INFINITY) {
    EXPECT_LT(static_cast<rlim_t>(reached) * 512, limit.rlim_cur);
  }
}

TEST(StackGuard, EachThreadMeasuresItsOwnStack) {
  int small = 0, large = 0;
  ho::testing::runWithStack(1 << 20, [&] { small = recurseUntilGuarded(0); });
  ho::testing::runWithStack(4 << 20, [&] { large = recurseUntilGuarded(0); });
  EXPECT_GT(large, 2 * small);
}

}  // namespace
