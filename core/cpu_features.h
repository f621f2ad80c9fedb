// What the x86-64 processor offers to the hand-vectorised arithmetic of RSA
// key generation, asked with CPUID once, when a key is first made, rather
// than through __builtin_cpu_supports, whose libgcc probe (a dozen CPUID
// leaves, each a trap of ~5 us on virtual machines) would run at every
// process start. All false elsewhere.
#pragma once

namespace ho {

struct CpuFeatures {
  bool amd = false;              // "AuthenticAMD"
  bool avx2 = false;             // and the OS saves the AVX registers
  bool avx512IfmaAndVl = false;  // AVX-512 F, VL and IFMA, and the OS saves their registers
};

const CpuFeatures& cpuFeatures();

}  // namespace ho
