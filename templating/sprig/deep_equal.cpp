// reflect.DeepEqual for the Value model.
#include "templating/sprig/deep_equal.h"

#include "core/error.h"
#include "core/stack_guard.h"

namespace ho::tmpl {

namespace {

bool listsEqual(const List& a, const List& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!goDeepEqual(a[i], b[i])) return false;
  }
  return true;
}

bool mapsEqual(const Map& a, const Map& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [key, value] : a) {
    auto it = b.find(key);
    if (it == b.end() || !goDeepEqual(value, it->second)) return false;
  }
  return true;
}

}  // namespace

bool goDeepEqual(const Value& a, const Value& b) {
  if (a.goType() != b.goType()) return false;
  if (stackNearlyExhausted()) throw Failure("deepEqual: values nested too deeply to compare");
  switch (a.kind()) {
    case Kind::Nil: return true;
    case Kind::Bool: return a.asBool() == b.asBool();
    case Kind::Int: return a.asInt() == b.asInt();
    case Kind::Uint: return a.asUint() == b.asUint();
    case Kind::Float: return a.asFloat() == b.asFloat();
    case Kind::String: return a.asString() == b.asString();
    case Kind::List: return a.sameReference(b) || listsEqual(a.asList(), b.asList());
    case Kind::Map: return a.sameReference(b) || mapsEqual(a.asMap(), b.asMap());
    case Kind::Object:
      return a.sameReference(b) ||
             (a.typeName() == b.typeName() && a.asObject().format() == b.asObject().format());
  }
  return false;
}

}  // namespace ho::tmpl
