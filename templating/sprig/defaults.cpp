// Emptiness as sprig's `empty` defines it: nil, false, 0, and empty strings,
// lists and maps; structs (non-nil objects) are never empty.
#include "templating/sprig/defaults.h"

#include <algorithm>

#include "core/error.h"
#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using namespace sprig;  // NOLINT(google-build-using-namespace)

bool isEmpty(const Value& v) { return !v.truthy(); }

}  // namespace

void registerDefaultFunctions(FunctionTable& table) {
  table.add("default", variadic({kAny}, kAny, [](Args a) {
    if (a.size() < 2 || isEmpty(a[1])) return a[0];
    return a[1];
  }));
  table.add("empty", fixed({kAny}, [](Args a) { return goBool(isEmpty(a[0])); }));
  table.add("coalesce", variadic({}, kAny, [](Args a) {
    auto found = std::find_if(a.begin(), a.end(), [](const Value& v) { return !isEmpty(v); });
    return found == a.end() ? Value::nil() : *found;
  }));
  table.add("all", variadic({}, kAny, [](Args a) { return goBool(std::none_of(a.begin(), a.end(), isEmpty)); }));
  table.add("any", variadic({}, kAny, [](Args a) { return goBool(!std::all_of(a.begin(), a.end(), isEmpty)); }));
  table.add("ternary", fixed({kAny, kAny, kBool}, [](Args a) { return a[2].asBool() ? a[0] : a[1]; }));
  table.add("fail", fixed({kString}, [](Args a) -> Value { throw Failure(a[0].asString()); }));
}

}  // namespace ho::tmpl
