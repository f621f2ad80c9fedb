// A Value as Go's reflect.Value sees it during execution: the Value, plus
// whether it is Go's invalid "no value" (a missing map key, an unset result)
// or sits in an interface{} slot (a map value or list element). Go's messages
// depend on the difference ("invalid value; expected string" versus "wrong
// type for value; expected string; got interface {}").
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "core/value.h"

namespace ho::tmpl {

enum class Origin : std::uint8_t {
  Concrete,   // a value of its own type (literals, function results, struct fields)
  Interface,  // held in an interface{}: map values, []interface{} elements
  Missing,    // Go's invalid reflect.Value: no value at all
};

struct Reflected {
  Value value;
  Origin origin = Origin::Concrete;

  static Reflected missing() { return {Value(), Origin::Missing}; }
  static Reflected of(Value v) { return {std::move(v), Origin::Concrete}; }
  static Reflected inInterface(Value v) { return {std::move(v), Origin::Interface}; }

  bool isMissing() const { return origin == Origin::Missing || (value.isNil() && origin == Origin::Concrete); }
  bool isNilInterface() const { return origin == Origin::Interface && value.isNil(); }
  // What evalPipeline does to interface{} results: unwrap to the dynamic value.
  Reflected unwrapped() const& { return value.isNil() ? missing() : of(value); }
  Reflected unwrapped() && { return value.isNil() ? missing() : of(std::move(value)); }
  // reflect.Value.Type() as Go prints it in errors.
  std::string staticTypeName() const { return origin == Origin::Interface ? "interface {}" : value.typeName(); }
};

}  // namespace ho::tmpl
