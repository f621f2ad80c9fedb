// Slice views of interface{} arguments for the list functions.
#include "templating/sprig/slice_arg.h"

#include "core/error.h"

namespace ho::tmpl {

const List* sliceElements(const Value& v) {
  if (v.isNil()) throw Failure(kNilDereference);
  return v.isList() ? &v.asList() : nullptr;
}

const List& requireSlice(const Value& v, const std::string& prefix, const std::string& suffix) {
  const List* items = sliceElements(v);
  if (items == nullptr) throw Failure(prefix + v.kindName() + suffix);
  return *items;
}

}  // namespace ho::tmpl
