// Imaginary and complex constants ({{ 2i }}, {{ 1+2i }}): Go parses them as
// complex128 values; expected outputs are what Helm 3.17 prints for them.
#include <gtest/gtest.h>

#include "template_test_support.h"

namespace ho::tmpl {
namespace {

using namespace testing;

TEST(Exec_Complex, PrintsAsGoFormatsComplex128) {
  EXPECT_EQ(out("{{ 1i }} {{ 1+2i }} {{ 0i }} {{ 1.5e2i }} {{ 0x1p-2i }} {{ -7.2i }}"),
            "(0+1i) (1+2i) (0+0i) (0+150i) (0+0.25i) (0-7.2i)");
  EXPECT_EQ(out("{{ printf \"%v|%T|%.2f|%g|%e\" 2i 1i 1.5i -2i 3i }}"),
            "(0+2i)|complex128|(0.00+1.50i)|(0-2i)|(0.000000e+00+3.000000e+00i)");
  EXPECT_EQ(out("{{ printf \"%d\" 1i }}"), "%!d(complex128=(0+1i))");
}

TEST(Exec_Complex, TruthAndComparison) {
  EXPECT_EQ(out("{{ if 1.5i }}yes{{ end }}{{ if 0i }}no{{ else }}zero{{ end }}"), "yeszero");
  EXPECT_EQ(out("{{ eq 1+2i 1+2i }} {{ eq 1+2i 1+3i }} {{ ne 1i 2i }}"), "true false true");
  EXPECT_EQ(err("{{ eq 0i 0 }}"), "template: t:1:3: executing \"t\" at <eq 0i 0>: "
                                  "error calling eq: incompatible types for comparison");
  EXPECT_EQ(err("{{ lt 1+0i 1+0i }}"), "template: t:1:3: executing \"t\" at <lt 1+0i 1+0i>: "
                                      "error calling lt: invalid type for comparison");
}

TEST(Exec_Complex, ComplexIsNotAFormatString) {
  EXPECT_EQ(err("{{ 0i | printf }}"),
            "template: t:1:8: executing \"t\" at <printf>: wrong type for value; expected string; got complex128");
}

}  // namespace
}  // namespace ho::tmpl
