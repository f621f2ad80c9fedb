// Test helper: runs a piece of work on a thread with a chosen stack size, as a
// controller worker or an HTTP handler thread may have, to check that deep
// input fails with an error there instead of overflowing the stack.
#pragma once
#include <pthread.h>

#include <cstddef>
#include <stdexcept>

namespace ho::testing {

template <typename Work>
void runWithStack(std::size_t stackBytes, Work work) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stackBytes);
  pthread_t thread;
  auto call = [](void* arg) -> void* {
    (*static_cast<Work*>(arg))();
    return nullptr;
  };
  const int rc = pthread_create(&thread, &attr, call, &work);
  pthread_attr_destroy(&attr);
  if (rc != 0) throw std::runtime_error("pthread_create failed");
  pthread_join(thread, nullptr);
}

}  // namespace ho::testing
