// CPUID and XGETBV read once (see cpu_features.h).
#include "core/cpu_features.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace ho {
namespace {

CpuFeatures detect() {
  CpuFeatures found;
#if defined(__x86_64__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(0, &eax, &ebx, &ecx, &edx) == 0 || eax < 7) return found;
  found.amd = ebx == 0x68747541 && edx == 0x69746e65 && ecx == 0x444d4163;  // "AuthenticAMD" in EBX, EDX, ECX
  __get_cpuid(1, &eax, &ebx, &ecx, &edx);
  constexpr unsigned kOsxsave = 1u << 27;
  if ((ecx & kOsxsave) == 0) return found;
  unsigned xcr0Low = 0, xcr0High = 0;
  asm("xgetbv" : "=a"(xcr0Low), "=d"(xcr0High) : "c"(0));
  // XCR0: SSE and AVX state; the opmask and both halves of the upper ZMM state.
  constexpr unsigned kAvxState = 0x6, kAvx512State = 0xE0;
  __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx);
  constexpr unsigned kAvx2 = 1u << 5, kAvx512F = 1u << 16, kAvx512Ifma = 1u << 21, kAvx512Vl = 1u << 31;
  const bool avxState = (xcr0Low & kAvxState) == kAvxState;
  found.avx2 = avxState && (ebx & kAvx2) != 0;
  const unsigned avx512 = kAvx512F | kAvx512Ifma | kAvx512Vl;
  found.avx512IfmaAndVl = avxState && (xcr0Low & kAvx512State) == kAvx512State && (ebx & avx512) == avx512;
#endif
  return found;
}

}  // namespace

const CpuFeatures& cpuFeatures() {
  static const CpuFeatures features = detect();
  return features;
}

}  // namespace ho
