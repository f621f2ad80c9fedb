// Fuzz target: --set, --set-string, --set-json, --set-literal and --set-file
// lines (chart/strvals.h); the first byte picks the flag, the rest is the line,
// merged into a map that already holds a few values.
#include "chart/strvals.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view line = ho::fuzz::asText(data + 1, size - 1);
  ho::Value dest = ho::Value::map({{"a", ho::Value::map({{"b", ho::Value::string("x")}})},
                                   {"list", ho::Value::list({ho::Value::floating(1)})}});
  const auto readFile = [](const std::string& path) -> ho::Result<std::string> { return "contents of " + path; };
  switch (data[0] % 5) {
    case 0: (void)ho::chart::parseSetInto(line, dest); break;
    case 1: (void)ho::chart::parseSetStringInto(line, dest); break;
    case 2: (void)ho::chart::parseSetJsonInto(line, dest); break;
    case 3: (void)ho::chart::parseSetLiteralInto(line, dest); break;
    default: (void)ho::chart::parseSetFileInto(line, dest, readFile); break;
  }
  return 0;
}
