// Fuzz target: chart archives (.tgz bytes): the safety check a downloaded
// tarball passes before it is cached, and loading it as a chart (inputs up
// to -max_len, so gzip bombs stay below the loader's 100 MiB limit).
#include "chart/loader.h"
#include "chart/repo/archive_safety.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = ho::fuzz::asText(data, size);
  // Small limits keep bombs cheap; the defaults are checked by the unit tests.
  const ho::chart::repo::ArchiveLimits limits{.maxEntries = 1000, .maxTotalBytes = 8u << 20, .maxFileBytes = 1u << 20};
  (void)ho::chart::repo::checkChartArchive(bytes, limits);
  // The loader has its own limits and must survive what the check would refuse.
  (void)ho::chart::loadArchive(bytes);
  return 0;
}
