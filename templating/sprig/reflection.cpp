// typeOf is fmt's %T and kindOf reflect.Kind's name, so a nil argument reads
// "<nil>" and "invalid"; deepEqual is reflect.DeepEqual.
#include "templating/sprig/reflection.h"

#include "templating/sprig/deep_equal.h"
#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using namespace sprig;  // NOLINT(google-build-using-namespace)

std::string typeOf(const Value& v) { return v.typeName(); }
std::string kindOf(const Value& v) { return v.kindName(); }

}  // namespace

void registerReflectionFunctions(FunctionTable& table) {
  table.add("typeOf", fixed({kAny}, [](Args a) { return goString(typeOf(a[0])); }));
  table.add("kindOf", fixed({kAny}, [](Args a) { return goString(kindOf(a[0])); }));
  table.add("typeIs", fixed({kString, kAny}, [](Args a) { return goBool(a[0].asString() == typeOf(a[1])); }));
  table.add("typeIsLike", fixed({kString, kAny}, [](Args a) {
    const std::string t = typeOf(a[1]);
    return goBool(a[0].asString() == t || "*" + a[0].asString() == t);
  }));
  table.add("kindIs", fixed({kString, kAny}, [](Args a) { return goBool(a[0].asString() == kindOf(a[1])); }));
  table.add("deepEqual", fixed({kAny, kAny}, [](Args a) { return goBool(goDeepEqual(a[0], a[1])); }));
}

}  // namespace ho::tmpl
