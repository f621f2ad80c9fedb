// --set / --set-string / --set-json / --set-file / --set-literal parsing,
// expected values taken from `helm template --set ... ` printing toJson .Values.
#include "chart/strvals.h"

#include <gtest/gtest.h>

#include "encoding/go_json.h"

namespace ho::chart {
namespace {

ValueOptions sets(std::vector<std::string> values) {
  ValueOptions options;
  options.values = std::move(values);
  return options;
}

Result<std::string> readFake(const std::string& path) {
  if (path == "/data.txt") return std::string("file body\n");
  return Error{"open " + path + ": no such file or directory"};
}

std::string merged(const ValueOptions& options) {
  auto values = mergeValueOptions(options, readFake);
  if (!values) return "ERROR " + values.error().message;
  return *encoding::toJson(*values);
}

TEST(Strvals, SetInfersTypes) {
  auto values = mergeValueOptions(
      sets({"a.b=c,d[0].e=1,f={x,y,3},g=null,h=true,i=0,j=012,k=1.5,l=TRUE,m=-3,n=+4,o=9223372036854775808"}),
      readFake);
  ASSERT_TRUE(values.ok()) << values.error().message;
  EXPECT_EQ(
      *encoding::toJson(*values),
      R"({"a":{"b":"c"},"d":[{"e":1}],"f":["x","y",3],"g":null,"h":true,"i":0,"j":"012","k":"1.5","l":true,"m":-3,"n":4,"o":"9223372036854775808"})");
  EXPECT_EQ(values->find("i")->typeName(), "int64");
  EXPECT_EQ(values->find("m")->typeName(), "int64");
  EXPECT_EQ(values->find("l")->typeName(), "bool");
}

TEST(Strvals, EscapesAndLists) {
  EXPECT_EQ(merged(sets({"a\\.b=c,q=a\\,b"})), R"({"a.b":"c","q":"a,b"})");
  EXPECT_EQ(merged(sets({"a[2]=x"})), R"({"a":[null,null,"x"]})");
  EXPECT_EQ(merged(sets({"a[0][1]=x"})), R"({"a":[[null,"x"]]})");
  EXPECT_EQ(merged(sets({"a[0].b=1,a[0].c=2,a[1]=x"})), R"({"a":[{"b":1,"c":2},"x"]})");
  EXPECT_EQ(merged(sets({"a.b[1].c=1"})), R"({"a":{"b":[null,{"c":1}]}})");
  EXPECT_EQ(merged(sets({"a."})), "{}");
  EXPECT_EQ(merged(sets({"a[0]"})), R"({"a":[]})");
  EXPECT_EQ(merged(sets({"a="})), R"({"a":""})");
  EXPECT_EQ(merged(sets({"name=x,x=null"})), R"({"name":"x","x":null})");
}

TEST(Strvals, SetErrorsReadLikeHelms) {
  EXPECT_EQ(merged(sets({"a=", "b"})), "ERROR failed parsing --set data: key \"b\" has no value");
  EXPECT_EQ(merged(sets({"a,b=1"})), "ERROR failed parsing --set data: key \"a\" has no value (cannot end with ,)");
  EXPECT_EQ(merged(sets({"a[x]=1"})),
            "ERROR failed parsing --set data: error parsing index: strconv.Atoi: parsing \"x\": invalid syntax");
  EXPECT_EQ(merged(sets({"a[-1]=1"})), "ERROR failed parsing --set data: negative -1 index not allowed");
  EXPECT_EQ(merged(sets({"a=b", "a.c=1"})),
            "ERROR failed parsing --set data: unable to parse key: interface conversion: interface {} is string, not "
            "map[string]interface {}");
  EXPECT_EQ(merged(sets({"a.b=1", "a[0]=1"})),
            "ERROR failed parsing --set data: unable to parse key: interface conversion: interface {} is "
            "map[string]interface {}, not []interface {}");
  EXPECT_EQ(merged(sets({"a={1,2"})), "ERROR failed parsing --set data: list must terminate with '}'");
  EXPECT_EQ(merged(sets({"a[0"})), "ERROR failed parsing --set data: error parsing index: EOF");
}

TEST(Strvals, SetStringKeepsStrings) {
  ValueOptions options;
  options.stringValues = {"a=1,b=true,c={1,2}"};
  EXPECT_EQ(merged(options), R"({"a":"1","b":"true","c":["1","2"]})");
}

TEST(Strvals, SetJsonParsesTheRightSide) {
  ValueOptions options;
  options.jsonValues = {R"(a={"b":[1,2]},c=3)"};
  EXPECT_EQ(merged(options), R"({"a":{"b":[1,2]},"c":3})");
  options.jsonValues = {"a=[1"};
  EXPECT_EQ(merged(options), "ERROR failed parsing --set-json data a=[1");
}

TEST(Strvals, SetLiteralTakesTheRestVerbatim) {
  ValueOptions options;
  options.literalValues = {"a.b=x,y={z}"};
  EXPECT_EQ(merged(options), R"({"a":{"b":"x,y={z}"}})");
}

TEST(Strvals, SetFileReadsTheFile) {
  ValueOptions options;
  options.fileValues = {"a=/data.txt"};
  EXPECT_EQ(merged(options), R"({"a":"file body\n"})");
  options.fileValues = {"a=/nonexistent"};
  EXPECT_EQ(merged(options), "ERROR failed parsing --set-file data: open /nonexistent: no such file or directory");
}

TEST(Strvals, SourcesApplyInHelmsOrder) {
  ValueOptions options;
  options.values = {"a=1,a=2", "b=1"};
  options.stringValues = {"b=x"};
  EXPECT_EQ(merged(options), R"({"a":2,"b":"x"})");
}

TEST(Strvals, ValueFilesMergeDeeply) {
  ValueOptions options;
  options.valueFiles = {"/one.yaml", "/two.yaml"};
  auto reader = [](const std::string& path) -> Result<std::string> {
    if (path == "/one.yaml") return std::string("a: {b: 1, c: 2}\nl: [1]\n");
    return std::string("a: {c: 3}\nl: [2]\n");
  };
  auto values = mergeValueOptions(options, reader);
  ASSERT_TRUE(values.ok()) << values.error().message;
  EXPECT_EQ(*encoding::toJson(*values), R"({"a":{"b":1,"c":3},"l":[2]})");
}

}  // namespace
}  // namespace ho::chart
