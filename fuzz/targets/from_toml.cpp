// Fuzz target: fromToml as templates call it (encoding/toml_decode.cpp with the
// Go-runtime hooks Helm's function table gives it), and toToml on what it read.
#include "chart/helm_functions.h"
#include "fuzz/fuzz_input.h"

namespace {

// fromToml and toToml need nothing from the running template.
class NoTemplates final : public ho::tmpl::CallContext {
 public:
  std::string executeTemplate(std::string_view, const ho::Value&) override { throw ho::Failure("no templates"); }
  std::string executeText(std::string_view, const ho::Value&) override { throw ho::Failure("no templates"); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ho::tmpl::FunctionTable functions = ho::chart::helmFunctionTable();
  static const ho::tmpl::FunctionSpec& fromToml = *functions.find("fromToml");
  static const ho::tmpl::FunctionSpec& toToml = *functions.find("toToml");
  NoTemplates context;
  const ho::Value text = ho::Value::string(std::string(ho::fuzz::asText(data, size)));
  try {
    const ho::Value decoded = fromToml.impl(context, std::span(&text, 1));
    (void)toToml.impl(context, std::span(&decoded, 1));
  } catch (const ho::Failure&) {
    // fromToml returns errors as a map; a Failure is a legitimate Go error too.
  }
  return 0;
}
