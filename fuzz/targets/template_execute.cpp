// Fuzz target: parses and executes a template with Helm's functions over a
// small values map. Functions whose cost the input chooses (key generation,
// bcrypt, counts of generated items) are bounded so the fuzzer looks for
// crashes rather than for slow but legitimate templates.
#include <cmath>
#include <memory>

#include "chart/helm_functions.h"
#include "fuzz/fuzz_input.h"
#include "templating/template_set.h"

namespace {

using ho::Value;
using ho::tmpl::FunctionTable;

// Functions that are slow by design (RSA/ECDSA keys, bcrypt, scrypt).
constexpr const char* kSlowFunctions[] = {
    "genPrivateKey", "genCA",       "genCAWithKey",   "genSelfSignedCert", "genSelfSignedCertWithKey",
    "genSignedCert", "genSignedCertWithKey", "htpasswd", "bcrypt",     "derivePassword",
    "buildCustomCert", "encryptAES", "decryptAES"};
// Functions whose numeric arguments say how much they generate.
constexpr const char* kSizedFunctions[] = {"until", "untilStep", "seq", "repeat", "randAlpha", "randAlphaNum",
                                           "randNumeric", "randAscii", "randBytes", "indent", "nindent",
                                           "wrap", "wrapWith", "abbrev", "abbrevboth"};
constexpr double kMaxCount = 256;

bool tooLarge(const Value& v) {
  if (v.isInt()) return std::abs(static_cast<double>(v.asInt())) > kMaxCount;
  if (v.isUint()) return v.asUint() > kMaxCount;
  if (v.isFloat()) return !(std::abs(v.asFloat()) <= kMaxCount);
  return false;
}

void boundFunctions(FunctionTable& table) {
  for (const char* name : kSlowFunctions) {
    if (const auto* spec = table.find(name)) {
      ho::tmpl::FunctionSpec stub = *spec;
      stub.impl = [](ho::tmpl::CallContext&, std::span<const Value>) -> Value {
        throw ho::Failure("disabled while fuzzing");
      };
      table.add(name, std::move(stub));
    }
  }
  for (const char* name : kSizedFunctions) {
    if (const auto* spec = table.find(name)) {
      ho::tmpl::FunctionSpec bounded = *spec;
      bounded.impl = [impl = spec->impl](ho::tmpl::CallContext& context, std::span<const Value> args) {
        for (const Value& arg : args) {
          if (tooLarge(arg)) throw ho::Failure("argument too large while fuzzing");
        }
        return impl(context, args);
      };
      table.add(name, std::move(bounded));
    }
  }
}

std::shared_ptr<const FunctionTable> fuzzFunctions() {
  auto table = std::make_shared<FunctionTable>(ho::chart::helmFunctionTable());
  boundFunctions(*table);
  return table;
}

Value sampleValues() {
  ho::Map values{{"name", Value::string("web")},
                 {"replicas", Value::floating(3)},
                 {"enabled", Value::boolean(true)},
                 {"tags", Value::list({Value::string("a"), Value::floating(1), Value::nil()})},
                 {"labels", Value::map({{"app", Value::string("web")}, {"tier", Value::string("front")}})}};
  return Value::map({{"Values", Value::map(std::move(values))},
                     {"Release", Value::map({{"Name", Value::string("r")}, {"Namespace", Value::string("ns")}})}});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::shared_ptr<const FunctionTable> functions = fuzzFunctions();
  static const Value values = sampleValues();
  if (size > 4096) return 0;  // long templates only make slow runs
  ho::tmpl::TemplateSet set(functions);
  set.setMaxTemplateDepth(50);
  set.setMissingKey(ho::tmpl::MissingKey::Zero);
  if (!set.parse("fuzz", ho::fuzz::asText(data, size)).ok()) return 0;
  (void)set.execute("fuzz", values);
  return 0;
}
