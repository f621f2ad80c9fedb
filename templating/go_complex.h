// Go's complex128, the type of imaginary and complex constants in templates
// ({{ 2i }}, {{ 1+2i }}): a native Object so typeOf/kindOf say "complex128",
// fmt prints "(1+2i)", eq compares it and everything else refuses it as Go does.
#pragma once

#include <memory>

#include "core/value.h"

namespace ho::tmpl {

class ComplexNumber final : public Object {
 public:
  ComplexNumber(double real, double imaginary) : real_(real), imaginary_(imaginary) {}

  static Value make(double real, double imaginary);

  double real() const { return real_; }
  double imaginary() const { return imaginary_; }
  bool operator==(const ComplexNumber& other) const {
    return real_ == other.real_ && imaginary_ == other.imaginary_;
  }

  std::string typeName() const override { return "complex128"; }
  std::string kindName() const override { return "complex128"; }
  std::optional<Value> field(std::string_view) const override { return std::nullopt; }
  std::string format() const override;
  bool truthy() const override { return real_ != 0 || imaginary_ != 0; }
  // encoding/json (and so toYaml/toJson) refuses complex numbers: throws Go's error.
  Value toData() const override;

 private:
  double real_;
  double imaginary_;
};

// The complex number a value holds, or nullptr when it holds something else.
const ComplexNumber* complexOf(const Value& v);

}  // namespace ho::tmpl
