// Fuzz target: JSON to Value (encoding/json semantics) and back, and the same
// text read as YAML into a values map (how Helm reads values files).
#include "encoding/go_json.h"
#include "encoding/go_yaml.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = ho::fuzz::asText(data, size);
  (void)ho::encoding::parseJsonMap(text);
  if (const auto value = ho::encoding::parseJson(text); value.ok()) {
    (void)ho::encoding::toJson(value.value());
    (void)ho::encoding::toJson(value.value(), {.escapeHtml = false, .indent = "  "});
  }
  if (const auto values = ho::encoding::parseYaml(text); values.ok()) (void)ho::encoding::toJson(values.value());
  return 0;
}
