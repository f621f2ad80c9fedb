// registerSprigFunctions: the union of the Sprig families.
#include "templating/sprig/sprig.h"

#include "templating/sprig/conversion.h"
#include "templating/sprig/crypto.h"
#include "templating/sprig/dates.h"
#include "templating/sprig/defaults.h"
#include "templating/sprig/dicts.h"
#include "templating/sprig/encoding.h"
#include "templating/sprig/hashes.h"
#include "templating/sprig/json.h"
#include "templating/sprig/lists.h"
#include "templating/sprig/math.h"
#include "templating/sprig/paths.h"
#include "templating/sprig/random.h"
#include "templating/sprig/reflection.h"
#include "templating/sprig/regex.h"
#include "templating/sprig/semver.h"
#include "templating/sprig/strings.h"
#include "templating/sprig/urls.h"

namespace ho::tmpl {

void registerSprigFunctions(FunctionTable& table) {
  registerConversionFunctions(table);
  registerCryptoFunctions(table);
  registerDateFunctions(table);
  registerDefaultFunctions(table);
  registerDictFunctions(table);
  registerEncodingFunctions(table);
  registerHashFunctions(table);
  registerJsonFunctions(table);
  registerListFunctions(table);
  registerMathFunctions(table);
  registerPathFunctions(table);
  registerRandomFunctions(table);
  registerReflectionFunctions(table);
  registerRegexFunctions(table);
  registerSemverFunctions(table);
  registerStringFunctions(table);
  registerUrlFunctions(table);
}

}  // namespace ho::tmpl
