// Fuzz target: the block YAML reader against the full parser (see
// fuzz/yaml_block_check.h); a document it accepts differently is a crash.
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_input.h"
#include "fuzz/yaml_block_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ho::fuzz::BlockCheck check = ho::fuzz::checkBlockReader(ho::fuzz::asText(data, size));
  if (check.verdict == ho::fuzz::BlockVerdict::Disagrees) {
    std::fprintf(stderr, "%s\n", check.detail.c_str());
    std::abort();
  }
  return 0;
}
