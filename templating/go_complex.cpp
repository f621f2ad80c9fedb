// Go's complex128 values in templates (see go_complex.h).
#include "templating/go_complex.h"

#include "core/error.h"
#include "templating/go_format.h"

namespace ho::tmpl {

Value ComplexNumber::make(double real, double imaginary) {
  return Value::object(std::make_shared<const ComplexNumber>(real, imaginary));
}

std::string ComplexNumber::format() const {
  const Value self = make(real_, imaginary_);
  return formatValue(self);
}

Value ComplexNumber::toData() const { throw Failure("json: unsupported type: complex128"); }

const ComplexNumber* complexOf(const Value& v) {
  return v.isObject() ? dynamic_cast<const ComplexNumber*>(&v.asObject()) : nullptr;
}

}  // namespace ho::tmpl
