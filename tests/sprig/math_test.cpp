// Sprig math functions; expected values are what Helm 3.17.3 prints.
#include <gtest/gtest.h>

#include "templating/go_format.h"
#include "templating/sprig/math.h"
#include "tests/sprig/sprig_call.h"

namespace ho::tmpl {
namespace {

using namespace ho::tmpl::testing;

class Math : public ::testing::Test {
 protected:
  Math() { registerMathFunctions(table); }
  Value call(const std::string& name, std::vector<Value> args) { return callFunction(table, name, std::move(args)); }
  std::string show(const std::string& name, std::vector<Value> args) { return formatValue(call(name, std::move(args))); }
  FunctionTable table;
};

TEST_F(Math, IntegerFunctionsReturnInt64) {
  EXPECT_EQ(call("add", {goInt(1), goInt(2)}).typeName(), "int64");
  EXPECT_EQ(show("add", {}), "0");
  EXPECT_EQ(show("add", {goStr("3"), goFloat(1.9), Value::boolean(true), Value::nil()}), "5");
  EXPECT_EQ(show("add1", {goStr("x")}), "1");
  EXPECT_EQ(show("sub", {goInt(5), goFloat(2.7)}), "3");
  EXPECT_EQ(show("mul", {goInt(2)}), "2");
  EXPECT_EQ(show("mul", {goInt(2), goInt(3), goStr("4")}), "24");
}

TEST_F(Math, IntegerDivisionTruncatesAndWraps) {
  EXPECT_EQ(show("div", {goInt(7), goInt(2)}), "3");
  EXPECT_EQ(show("div", {goInt(-7), goInt(2)}), "-3");
  EXPECT_EQ(show("mod", {goInt(-7), goInt(2)}), "-1");
  EXPECT_EQ(callFailure(table, "div", {goInt(1), goInt(0)}), "runtime error: integer divide by zero");
  EXPECT_EQ(callFailure(table, "mod", {goInt(1), goInt(0)}), "runtime error: integer divide by zero");
  EXPECT_EQ(show("add", {goInt(9223372036854775807), goInt(1)}), "-9223372036854775808");
}

TEST_F(Math, MaxMin) {
  EXPECT_EQ(show("max", {goInt(1), goInt(5), goInt(3)}), "5");
  EXPECT_EQ(show("min", {goInt(1), goInt(-5), goInt(3)}), "-5");
  EXPECT_EQ(show("biggest", {goInt(2)}), "2");
  EXPECT_EQ(show("max", {goStr("a")}), "0");
  EXPECT_EQ(show("maxf", {goInt(1), goFloat(2.5)}), "2.5");
  EXPECT_EQ(show("minf", {goInt(1), goFloat(2.5), goStr("0.1")}), "0.1");
}

TEST_F(Math, FloorCeilRound) {
  EXPECT_EQ(call("floor", {goFloat(1.5)}).typeName(), "float64");
  EXPECT_EQ(show("ceil", {goStr("1.2")}), "2");
  EXPECT_EQ(show("round", {goFloat(1.2345), goInt(2)}), "1.23");
  EXPECT_EQ(show("round", {goFloat(1.5), goInt(0)}), "2");
  EXPECT_EQ(show("round", {goFloat(2.5), goInt(0), goFloat(0.6)}), "2");
  EXPECT_EQ(show("round", {goFloat(-1.5), goInt(0)}), "-2");
  EXPECT_EQ(show("floor", {goInt(12345678901)}), "1.2345678901e+10");
}

TEST_F(Math, FloatFunctionsUseExactDecimals) {
  EXPECT_EQ(show("addf", {goFloat(1.1), goFloat(2.2)}), "3.3");
  EXPECT_EQ(show("add1f", {goFloat(0.1)}), "1.1");
  EXPECT_EQ(show("subf", {goInt(1), goFloat(0.9)}), "0.1");
  EXPECT_EQ(show("divf", {goInt(1), goInt(3)}), "0.3333333333333333");
  EXPECT_EQ(show("mulf", {goFloat(0.1), goInt(3)}), "0.3");
  EXPECT_EQ(show("divf", {goInt(2), goInt(3)}), "0.6666666666666667");
  EXPECT_EQ(show("divf", {goInt(1), goInt(7)}), "0.1428571428571429");
  EXPECT_EQ(show("mulf", {goFloat(1.1), goFloat(1.1)}), "1.21");
  EXPECT_EQ(show("addf", {goFloat(1e20), goInt(1)}), "1e+20");
  EXPECT_EQ(show("divf", {goInt(10), goInt(4)}), "2.5");
  EXPECT_EQ(show("divf", {goInt(-2), goInt(3)}), "-0.6666666666666667");
  EXPECT_EQ(show("mulf", {goFloat(123456789.123), goFloat(987654321.987), goFloat(1e10)}), "1.219326313559686e+27");
  EXPECT_EQ(show("subf", {goInt(10)}), "10");
  EXPECT_EQ(show("addf", {}), "0");
  EXPECT_EQ(call("add1f", {goInt(1)}).typeName(), "float64");
  EXPECT_EQ(callFailure(table, "divf", {goInt(1), goInt(0)}), "decimal division by 0");
}

TEST_F(Math, RandIntStaysInRange) {
  for (int i = 0; i < 20; ++i) {
    Value n = call("randInt", {goInt(1), goInt(3)});
    EXPECT_EQ(n.typeName(), "int");
    EXPECT_GE(n.asInt(), 1);
    EXPECT_LT(n.asInt(), 3);
  }
  EXPECT_EQ(callFailure(table, "randInt", {goInt(2), goInt(2)}), "invalid argument to Intn");
}

}  // namespace
}  // namespace ho::tmpl
