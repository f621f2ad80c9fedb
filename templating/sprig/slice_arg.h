// How sprig's reflect-based list functions see an interface{} argument: a Go
// slice of any element type, or something else whose reflect kind goes into
// the error message. A nil argument fails the way reflect.TypeOf(nil).Kind()
// does in Go: a nil pointer dereference.
#pragma once

#include <string>

#include "core/value.h"

namespace ho::tmpl {

// Go's runtime error text for a nil dereference (what a template shows).
inline constexpr const char* kNilDereference =
    "runtime error: invalid memory address or nil pointer dereference";

// The elements of `v` if it is a slice, nullptr otherwise; throws on nil.
const List* sliceElements(const Value& v);

// The elements of `v`, or throws `prefix + kind + suffix` when `v` is not a slice.
const List& requireSlice(const Value& v, const std::string& prefix, const std::string& suffix = "");

}  // namespace ho::tmpl
