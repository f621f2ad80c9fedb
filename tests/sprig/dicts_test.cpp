// Sprig dict functions; expected values are what Helm 3.17.3 prints.
#include <gtest/gtest.h>

#include "templating/go_format.h"
#include "templating/sprig/dicts.h"
#include "tests/sprig/sprig_call.h"

namespace ho::tmpl {
namespace {

using namespace ho::tmpl::testing;

class Dicts : public ::testing::Test {
 protected:
  Dicts() { registerDictFunctions(table); }
  Value call(const std::string& name, std::vector<Value> args) { return callFunction(table, name, std::move(args)); }
  std::string show(const std::string& name, std::vector<Value> args) { return formatValue(call(name, std::move(args))); }
  FunctionTable table;
};

TEST_F(Dicts, DictStringifiesKeysAndPadsAMissingValue) {
  EXPECT_EQ(show("dict", {goStr("a"), goInt(1), goStr("b")}), "map[a:1 b:]");
  EXPECT_EQ(show("dict", {goInt(1), goInt(2), Value::boolean(true), goInt(3), Value::nil(), goInt(4)}),
            "map[1:2 <nil>:4 true:3]");
}

TEST_F(Dicts, GetMissingKeyIsEmptyString) {
  EXPECT_EQ(call("get", {goDict({{"a", goInt(1)}}), goStr("b")}).typeName(), "string");
  EXPECT_EQ(show("hasKey", {goDict({{"a", Value::nil()}}), goStr("a")}), "true");
}

TEST_F(Dicts, SetAndUnsetChangeTheDictInPlace) {
  Value d = goDict({{"a", goInt(1)}});
  call("set", {d, goStr("b"), goInt(2)});
  call("unset", {d, goStr("a")});
  EXPECT_EQ(formatValue(d), "map[b:2]");
}

TEST_F(Dicts, PluckKeysValuesPickOmit) {
  EXPECT_EQ(show("pluck", {goStr("a"), goDict({{"a", goInt(1)}}), goDict({{"b", goInt(2)}}),
                           goDict({{"a", goInt(3)}})}),
            "[1 3]");
  EXPECT_EQ(call("keys", {goDict({{"b", goInt(1)}})}).typeName(), "[]string");
  EXPECT_EQ(show("keys", {}), "[]");
  EXPECT_EQ(show("pick", {goDict({{"a", goInt(1)}, {"b", goInt(2)}}), goStr("a"), goStr("z")}), "map[a:1]");
  EXPECT_EQ(show("omit", {goDict({{"a", goInt(1)}, {"b", goInt(2)}}), goStr("a")}), "map[b:2]");
}

TEST_F(Dicts, DigWalksNestedMaps) {
  Value nested = goDict({{"a", goDict({{"b", goInt(5)}})}});
  EXPECT_EQ(show("dig", {goStr("a"), goStr("b"), goStr("def"), nested}), "5");
  EXPECT_EQ(show("dig", {goStr("a"), goStr("z"), goStr("def"), nested}), "def");
  EXPECT_EQ(callFailure(table, "dig", {goStr("a"), goStr("b"), goStr("def"), goDict({{"a", goInt(5)}})}),
            "interface conversion: interface {} is int, not map[string]interface {}");
  EXPECT_EQ(callFailure(table, "dig", {goStr("a"), goStr("def")}), "dig needs at least three arguments");
  EXPECT_EQ(callFailure(table, "dig", {goInt(1), goStr("def"), goDict({})}),
            "interface conversion: interface {} is int, not string");
}

TEST_F(Dicts, MergeKeepsDestinationValuesButFillsEmptyOnes) {
  Value dst = goDict({{"a", goInt(1)}, {"b", goDict({{"x", goInt(1)}, {"l", goList({goInt(1), goInt(2)})}})}});
  Value src = goDict({{"a", goInt(2)}, {"c", goInt(3)},
                      {"b", goDict({{"x", goInt(2)}, {"y", goInt(3)}, {"l", goList({goInt(9)})}})}});
  EXPECT_EQ(show("merge", {dst, src}), "map[a:1 b:map[l:[1 2] x:1 y:3] c:3]");
  EXPECT_EQ(formatValue(dst), "map[a:1 b:map[l:[1 2] x:1 y:3] c:3]");  // merged in place

  Value empties = goDict({{"a", goInt(0)}, {"b", goStr("")}, {"c", Value::boolean(false)}, {"d", Value::nil()},
                          {"e", goDict({})}, {"f", goList({})}});
  Value full = goDict({{"a", goInt(1)}, {"b", goStr("x")}, {"c", Value::boolean(true)}, {"d", goInt(4)},
                       {"e", goDict({{"k", goInt(1)}})}, {"f", goDict({{"x", goInt(1)}})}});
  EXPECT_EQ(show("merge", {empties, full}), "map[a:1 b:x c:true d:4 e:map[k:1] f:map[x:1]]");
}

TEST_F(Dicts, MergeOnTypeMismatchKeepsDestination) {
  EXPECT_EQ(show("merge", {goDict({{"a", goDict({{"x", goInt(1)}})}}), goDict({{"a", goStr("str")}})}),
            "map[a:map[x:1]]");
  EXPECT_EQ(show("merge", {goDict({{"a", goStr("str")}}), goDict({{"a", goDict({{"x", goInt(1)}})}})}),
            "map[a:str]");
}

TEST_F(Dicts, MergeSharesSourceValuesWithoutCopying) {
  Value inner = goDict({{"b", goInt(1)}});
  Value merged = call("merge", {goDict({}), goDict({{"a", inner}})});
  call("set", {*merged.find("a"), goStr("c"), goInt(2)});
  EXPECT_EQ(formatValue(inner), "map[b:1 c:2]");
}

TEST_F(Dicts, MergeOverwriteLetsEvenEmptySourceValuesWin) {
  Value dst = goDict({{"a", goInt(1)}, {"b", goStr("x")}, {"c", Value::boolean(true)},
                      {"e", goDict({{"k", goInt(1)}})}, {"l", goList({goInt(1)})}});
  Value src = goDict({{"a", goInt(0)}, {"b", goStr("")}, {"c", Value::boolean(false)}, {"d", Value::nil()},
                      {"e", goDict({})}, {"l", goList({})}});
  EXPECT_EQ(show("mergeOverwrite", {dst, src}), "map[a:0 b: c:false d:<nil> e:map[k:1] l:[]]");
  EXPECT_EQ(show("mergeOverwrite", {goDict({{"a", goDict({{"x", goInt(1)}, {"w", goInt(2)}})}}),
                                    goDict({{"a", goDict({{"x", goInt(0)}, {"w", Value::nil()}})}})}),
            "map[a:map[w:<nil> x:0]]");
  EXPECT_EQ(show("mergeOverwrite", {goDict({{"a", goDict({{"x", goInt(1)}})}}), goDict({{"a", goStr("str")}})}),
            "map[a:str]");
}

TEST_F(Dicts, DeepCopy) {
  Value original = goList({goInt(1), goDict({{"a", goInt(1)}})});
  Value copy = call("deepCopy", {original});
  call("set", {copy.asList()[1], goStr("b"), goInt(2)});
  EXPECT_EQ(formatValue(original), "[1 map[a:1]]");
  EXPECT_EQ(callFailure(table, "deepCopy", {Value::nil()}), "reflect: call of reflect.Value.Type on zero Value");
}

}  // namespace
}  // namespace ho::tmpl
