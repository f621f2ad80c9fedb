// Fuzz target: the YAML layer (scanner, parser, resolution, the JSON round
// trip) on arbitrary documents, and both emitters on whatever parsed.
#include "encoding/go_yaml.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = ho::fuzz::asText(data, size);
  (void)ho::encoding::parseYaml(text);
  (void)ho::encoding::parseYamlTyped(text);
  const auto documents = ho::encoding::parseYamlDocuments(text);
  if (!documents.ok()) return 0;
  for (const ho::Value& document : documents.value()) {
    (void)ho::encoding::toYaml(document);
    (void)ho::encoding::toYamlV3(document);
  }
  return 0;
}
