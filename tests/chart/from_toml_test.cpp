// fromToml through Helm's function table: datetimes become time.Time values in
// BurntSushi's zones, and error messages quote like Go. Expected text is what
// Helm 3.17 printed for the same templates (with the local zone UTC).
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "chart/helm_functions.h"
#include "templating/template_set.h"

namespace ho::chart {
namespace {

// Local times are read in the local zone; Helm's outputs were recorded in UTC.
const bool kLocalIsUtc = (setenv("TZ", "UTC", 1), true);

// {{ toJson $m }} | {{ printf "%v" $m }} | {{ typeOf }} of each value, for $m = fromToml .doc.
std::string render(const std::string& toml) {
  tmpl::TemplateSet set(std::make_shared<tmpl::FunctionTable>(helmFunctionTable()));
  Result<void> parsed = set.parse(
      "t", R"({{ $m := fromToml .doc }}{{ toJson $m }}|{{ printf "%v" $m }}|{{ range $k, $v := $m }}{{ $k }}={{ typeOf $v }} {{ end }})");
  if (!parsed) return "PARSE: " + parsed.error().message;
  Result<std::string> out = set.execute("t", Value::map({{"doc", Value::string(toml)}}));
  return out ? *out : "ERROR: " + out.error().message;
}

TEST(FromToml, DatetimesAreTimesInBurntSushisZones) {
  ASSERT_TRUE(kLocalIsUtc);
  EXPECT_EQ(render("d1 = 1979-05-27T07:32:00Z\nd2 = 1979-05-27T00:32:00.999999-07:00\nd3 = 1979-05-27T07:32:00\n"
                   "d4 = 1979-05-27\nd5 = 07:32:00.5\nd6 = 1979-05-27 07:32:00+00:00"),
            R"({"d1":"1979-05-27T07:32:00Z","d2":"1979-05-27T00:32:00.999999-07:00","d3":"1979-05-27T07:32:00Z",)"
            R"("d4":"1979-05-27T00:00:00Z","d5":"0000-01-01T07:32:00.5Z","d6":"1979-05-27T07:32:00Z"})"
            "|map[d1:1979-05-27 07:32:00 +0000 UTC d2:1979-05-27 00:32:00.999999 -0700 -0700 "
            "d3:1979-05-27 07:32:00 +0000 datetime-local d4:1979-05-27 00:00:00 +0000 date-local "
            "d5:0000-01-01 07:32:00.5 +0000 time-local d6:1979-05-27 07:32:00 +0000 UTC]"
            "|d1=time.Time d2=time.Time d3=time.Time d4=time.Time d5=time.Time d6=time.Time ");
}

TEST(FromToml, DatetimesFollowGoTimeParsing) {
  EXPECT_EQ(render("a = 2020-01-01T10:02:03+01:60\nb = 2020-01-01t10:02:03.1234567891z"),
            R"({"a":"2020-01-01T10:02:03+02:00","b":"2020-01-01T10:02:03.123456789Z"})"
            "|map[a:2020-01-01 10:02:03 +0200 +0200 b:2020-01-01 10:02:03.123456789 +0000 UTC]|a=time.Time b=time.Time ");
}

TEST(FromToml, InvalidDatetimes) {
  for (const char* text : {"1979-13-01", "2020-02-30", "2020-01-01T24:00:00Z", "2020-01-01T23:59:60Z",
                           "2020-01-01T1:02:03Z", "2020-01-01T10:02:03+25:00", "2020-01-01T10:02:03."}) {
    EXPECT_EQ(render(std::string("a = ") + text),
              std::string(R"({"Error":"toml: line 1 (last key \"a\"): invalid datetime: \")") + text +
                  R"(\""}|map[Error:toml: line 1 (last key "a"): invalid datetime: ")" + text + R"("]|Error=string )");
  }
}

TEST(FromToml, NonAsciiInMessagesIsQuotedLikeGo) {
  EXPECT_EQ(render("a = é"), R"({"Error":"toml: line 1 (last key \"a\"): expected value but found \"é\" instead"})"
                             R"(|map[Error:toml: line 1 (last key "a"): expected value but found "é" instead]|Error=string )");
  EXPECT_EQ(render("a = €"), R"({"Error":"toml: line 1 (last key \"a\"): expected value but found '€' instead"})"
                             R"(|map[Error:toml: line 1 (last key "a"): expected value but found '€' instead]|Error=string )");
  EXPECT_EQ(render("\"é\" = [1"),
            R"({"Error":"toml: line 0 (last key \"é\"): expected a comma (',') or array terminator (']'), but got end of file"})"
            R"(|map[Error:toml: line 0 (last key "é"): expected a comma (',') or array terminator (']'), but got end of file]|Error=string )");
}

TEST(FromToml, ValuesKeepTheirGoTypes) {
  EXPECT_EQ(render("i = 1\nf = 1e10\nn = nan\nb = true\ns = 'x'\na = [1]\nt = {x = 1}\n[[m]]"),
            "|map[a:[1] b:true f:1e+10 i:1 m:[map[]] n:NaN s:x t:map[x:1]]"
            "|a=[]interface {} b=bool f=float64 i=int64 m=[]map[string]interface {} n=float64 s=string "
            "t=map[string]interface {} ");
}

}  // namespace
}  // namespace ho::chart
