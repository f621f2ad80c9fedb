// Fuzz target: a chart repository's index.yaml (chart/repo/index.h): parsing,
// sorting, lookups and the fast path that cuts one chart's block out of it.
#include "chart/repo/index.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = ho::fuzz::asText(data, size);
  if (auto index = ho::chart::repo::parseIndex(text); index.ok()) {
    ho::chart::repo::sortIndexEntries(index.value());
    for (const auto& [name, versions] : index.value().entries) {
      if (!versions.empty()) (void)index.value().has(name, versions.front().version);
    }
  }
  if (const auto block = ho::chart::repo::extractChartIndex(text, "nginx")) (void)ho::chart::repo::parseIndex(*block);
  return 0;
}
