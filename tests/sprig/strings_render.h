// Renders a one-file template with the Sprig families of this folder's
// strings_/regex_/conversion_/encoding_/reflection_ tests registered, so the
// tests compare whole template output (or Go's error text) with Helm's.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "templating/sprig/conversion.h"
#include "templating/sprig/defaults.h"
#include "templating/sprig/dicts.h"
#include "templating/sprig/encoding.h"
#include "templating/sprig/hashes.h"
#include "templating/sprig/lists.h"
#include "templating/sprig/paths.h"
#include "templating/sprig/random.h"
#include "templating/sprig/reflection.h"
#include "templating/sprig/regex.h"
#include "templating/sprig/strings.h"
#include "templating/template_set.h"

namespace ho::tmpl::testing {

inline std::shared_ptr<const FunctionTable> stringFamilies() {
  static const std::shared_ptr<const FunctionTable> table = [] {
    auto t = std::make_shared<FunctionTable>();
    registerStringFunctions(*t);
    registerRandomFunctions(*t);
    registerConversionFunctions(*t);
    registerRegexFunctions(*t);
    registerEncodingFunctions(*t);
    registerHashFunctions(*t);
    registerPathFunctions(*t);
    registerReflectionFunctions(*t);
    registerDefaultFunctions(*t);
    registerListFunctions(*t);
    registerDictFunctions(*t);
    return t;
  }();
  return table;
}

// The output of `text` run as Helm's t/templates/x.yaml, or its error message.
inline std::string renderTemplate(std::string_view text) {
  constexpr std::string_view kName = "t/templates/x.yaml";
  TemplateSet set(stringFamilies());
  if (auto parsed = set.parse(kName, text); !parsed) return parsed.error().message;
  auto out = set.execute(kName, Value::nil());
  return out ? *out : out.error().message;
}

struct TemplateCase {
  const char* text;
  const char* helmOutput;
};

}  // namespace ho::tmpl::testing
