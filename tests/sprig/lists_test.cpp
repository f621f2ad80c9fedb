// Sprig list functions; expected values are what Helm 3.17.3 prints.
#include <gtest/gtest.h>

#include "templating/go_format.h"
#include "templating/sprig/lists.h"
#include "tests/sprig/sprig_call.h"

namespace ho::tmpl {
namespace {

using namespace ho::tmpl::testing;

class Lists : public ::testing::Test {
 protected:
  Lists() { registerListFunctions(table); }
  std::string show(const std::string& name, std::vector<Value> args) {
    return formatValue(callFunction(table, name, std::move(args)));
  }
  std::string type(const std::string& name, std::vector<Value> args) {
    return callFunction(table, name, std::move(args)).typeName();
  }
  FunctionTable table;
};

Value oneTwoThree() { return goList({goInt(1), goInt(2), goInt(3)}); }

TEST_F(Lists, FirstLastRestInitial) {
  EXPECT_EQ(show("first", {oneTwoThree()}), "1");
  EXPECT_EQ(show("last", {oneTwoThree()}), "3");
  EXPECT_EQ(show("rest", {oneTwoThree()}), "[2 3]");
  EXPECT_EQ(show("initial", {oneTwoThree()}), "[1 2]");
  EXPECT_TRUE(callFunction(table, "first", {goList({})}).isNil());
  EXPECT_TRUE(callFunction(table, "last", {goList({})}).isNil());
  EXPECT_EQ(type("rest", {goList({})}), "[]interface {}");
  EXPECT_EQ(type("first", {goStrings({"a", "b"})}), "string");
}

TEST_F(Lists, NonListArgumentsFailWithTheirKind) {
  EXPECT_EQ(callFailure(table, "first", {goStr("abc")}), "Cannot find first on type string");
  EXPECT_EQ(callFailure(table, "mustFirst", {goStr("abc")}), "Cannot find first on type string");
  EXPECT_EQ(callFailure(table, "append", {goStr("x"), goInt(2)}), "Cannot push on type string");
  EXPECT_EQ(callFailure(table, "append", {goDict({}), goInt(1)}), "Cannot push on type map");
  EXPECT_EQ(callFailure(table, "has", {goInt(1), goStr("abc")}), "Cannot find has on type string");
  EXPECT_EQ(callFailure(table, "concat", {goInt(1)}), "Cannot concat type int as list");
}

TEST_F(Lists, NilArgumentsFailLikeGoNilDereference) {
  EXPECT_EQ(callFailure(table, "first", {Value::nil()}),
            "runtime error: invalid memory address or nil pointer dereference");
  EXPECT_EQ(callFailure(table, "push", {Value::nil(), goInt(1)}),
            "runtime error: invalid memory address or nil pointer dereference");
}

TEST_F(Lists, AppendPrependReverseDoNotChangeTheInput) {
  Value input = oneTwoThree();
  EXPECT_EQ(show("append", {input, goInt(4)}), "[1 2 3 4]");
  EXPECT_EQ(show("prepend", {input, goInt(0)}), "[0 1 2 3]");
  EXPECT_EQ(show("reverse", {input}), "[3 2 1]");
  EXPECT_EQ(formatValue(input), "[1 2 3]");
}

TEST_F(Lists, UniqWithoutHasUseGoDeepEqual) {
  EXPECT_EQ(show("uniq", {goList({goInt(1), goInt(2), goInt(1), goStr("a"), goStr("a")})}), "[1 2 a]");
  EXPECT_EQ(show("without", {goList({goInt(1), goInt(2), goInt(3), goInt(1)}), goInt(1), goInt(3)}), "[2]");
  EXPECT_EQ(show("has", {goInt(1), goList({goInt(1), goInt(2)})}), "true");
  EXPECT_EQ(show("has", {goInt(1), Value::nil()}), "false");
  EXPECT_EQ(show("has", {goStr("1"), goList({goInt(1)})}), "false");
  EXPECT_EQ(show("has", {goInt(1), goList({Value::integer(1, GoType::Int64)})}), "false");
}

TEST_F(Lists, CompactDropsEmptyValues) {
  EXPECT_EQ(show("compact", {goList({goInt(0), goInt(1), goStr(""), goStr("a"), Value::nil(), goList({}),
                                     goDict({})})}),
            "[1 a]");
}

TEST_F(Lists, SliceKeepsTheSliceType) {
  EXPECT_EQ(show("slice", {oneTwoThree(), goInt(1)}), "[2 3]");
  EXPECT_EQ(show("slice", {oneTwoThree(), goInt(0), goInt(2)}), "[1 2]");
  EXPECT_EQ(type("slice", {goStrings({"a", "b", "c"}), goInt(1)}), "[]string");
  EXPECT_TRUE(callFunction(table, "slice", {goList({}), goInt(1), goInt(5)}).isNil());
  EXPECT_EQ(callFailure(table, "slice", {oneTwoThree(), goInt(1), goInt(5)}),
            "reflect.Value.Slice: slice index out of bounds");
}

TEST_F(Lists, Chunk) {
  EXPECT_EQ(show("chunk", {goInt(2), oneTwoThree()}), "[[1 2] [3]]");
  EXPECT_EQ(show("chunk", {goInt(2), goList({})}), "[]");
  EXPECT_EQ(callFailure(table, "chunk", {goInt(0), oneTwoThree()}), "runtime error: makeslice: len out of range");
}

TEST_F(Lists, ConcatJoinsAnySlices) {
  EXPECT_EQ(show("concat", {goList({goInt(1)}), goStrings({"a", "b"})}), "[1 a b]");
  EXPECT_EQ(type("concat", {goList({goInt(1)}), goStrings({"a"})}), "[]interface {}");
  EXPECT_EQ(type("concat", {}), "[]interface {}");
}

TEST_F(Lists, UntilUntilStepSeq) {
  EXPECT_EQ(type("until", {goInt(3)}), "[]int");
  EXPECT_EQ(show("until", {goInt(-3)}), "[0 -1 -2]");
  EXPECT_EQ(show("untilStep", {goInt(0), goInt(10), goInt(3)}), "[0 3 6 9]");
  EXPECT_EQ(show("seq", {goInt(5)}), "1 2 3 4 5");
  EXPECT_EQ(show("seq", {goInt(3), goInt(-1)}), "3 2 1 0 -1");
  EXPECT_EQ(show("seq", {goInt(1), goInt(2), goInt(10)}), "1 3 5 7 9");
  EXPECT_EQ(show("seq", {goInt(0)}), "1 0");
  EXPECT_EQ(show("seq", {goInt(10), goInt(-2), goInt(1)}), "10 8 6 4 2");
}

TEST_F(Lists, ListAndTupleAreInterfaceSlices) {
  EXPECT_EQ(type("tuple", {goInt(1), goInt(2)}), "[]interface {}");
  EXPECT_EQ(type("list", {}), "[]interface {}");
}

}  // namespace
}  // namespace ho::tmpl

namespace ho::tmpl {
namespace {

TEST(ListLimits, HugeCountsFailInsteadOfExhaustingMemory) {
  FunctionTable table;
  registerListFunctions(table);
  using testing::callFailure;
  using testing::goInt;
  EXPECT_EQ(callFailure(table, "until", {goInt(100000000000)}),
            "until: 100000000000 items exceed the limit of 10000000");
  EXPECT_EQ(callFailure(table, "untilStep", {goInt(0), goInt(100000000000), goInt(1)}),
            "untilStep: 100000000000 items exceed the limit of 10000000");
  EXPECT_EQ(callFailure(table, "seq", {goInt(100000000000)}),
            "seq: 100000000000 items exceed the limit of 10000000");
  EXPECT_EQ(callFailure(table, "until", {goInt(3)}), "");
}

}  // namespace
}  // namespace ho::tmpl
