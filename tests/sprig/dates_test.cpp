// Sprig date functions and Go time layouts; expected values are what Helm
// 3.17.3 prints with the local zone set to UTC.
#include <gtest/gtest.h>

#include <cstdlib>

#include "templating/sprig/dates.h"
#include "templating/sprig/go_duration.h"
#include "templating/sprig/go_time.h"
#include "tests/sprig/sprig_call.h"

namespace ho::tmpl {
namespace {

using namespace ho::tmpl::testing;

// Local time is UTC for every expectation below (set before any zone is loaded).
const bool kLocalIsUtc = (setenv("TZ", "UTC", 1), true);

class Dates : public ::testing::Test {
 protected:
  Dates() { registerDateFunctions(table); }
  Value call(const std::string& name, std::vector<Value> args) { return callFunction(table, name, std::move(args)); }
  std::string text(const std::string& name, std::vector<Value> args) {
    Value v = call(name, std::move(args));
    return v.isObject() ? v.asObject().format() : v.asString();
  }
  Value date(std::string layout, std::string value) { return call("toDate", {goStr(layout), goStr(value)}); }
  FunctionTable table;
};

TEST_F(Dates, ToDatePrintsLikeTimeString) {
  ASSERT_TRUE(kLocalIsUtc);
  EXPECT_EQ(date("2006-01-02", "2017-12-31").asObject().format(), "2017-12-31 00:00:00 +0000 UTC");
  EXPECT_EQ(date("2006-01-02", "bad").asObject().format(), "0001-01-01 00:00:00 +0000 UTC");
  EXPECT_EQ(date("2006-01-02T15:04:05Z07:00", "2017-12-31T10:11:12.5+02:00").asObject().format(),
            "2017-12-31 10:11:12.5 +0200 +0200");
  EXPECT_EQ(date("2006-01-02T15:04:05.999999999Z07:00", "2021-07-05T08:09:03.1200005-03:30").asObject().format(),
            "2021-07-05 08:09:03.1200005 -0330 -0330");
  EXPECT_EQ(date("2006-01-02T15:04:05Z07:00", "2021-07-05T08:09:03Z").asObject().format(),
            "2021-07-05 08:09:03 +0000 UTC");
  EXPECT_EQ(date("2006-01-02 MST", "2021-07-05 CET").asObject().format(), "2021-07-05 00:00:00 +0000 CET");
  EXPECT_EQ(date("2006-01-02 15:04:05.000 MST", "2017-12-31 10:11:12.123 PST").asObject().format(),
            "2017-12-31 10:11:12.123 +0000 PST");
  EXPECT_EQ(date("Jan 2 06 3:04PM", "Feb 3 19 4:05AM").asObject().format(), "2019-02-03 04:05:00 +0000 UTC");
  EXPECT_EQ(date("2006-01-02", "2017-12-31").typeName(), "time.Time");
  EXPECT_EQ(date("2006-01-02", "2017-12-31").asObject().toData().asString(), "2017-12-31T00:00:00Z");
}

TEST_F(Dates, MustToDateReportsGoParseErrors) {
  EXPECT_EQ(callFailure(table, "mustToDate", {goStr("2006-01-02"), goStr("bad")}),
            "parsing time \"bad\" as \"2006-01-02\": cannot parse \"bad\" as \"2006\"");
}

TEST_F(Dates, FormatEveryLayoutElement) {
  Value t = date("2006-01-02T15:04:05.999999999Z07:00", "2021-07-05T08:09:03.1200005-03:30");
  EXPECT_EQ(text("date", {goStr("Monday January 2 2006 Mon Jan 01 1 02 2 _2 15 3 03 04 4 05 5 PM pm -0700 -07:00 "
                                "-07 Z0700 Z07:00 MST .000 .999 ,000 002 __2"),
                          t}),
            "Monday July 5 2021 Mon Jul 07 7 05 5  5 11 11 11 39 39 03 3 AM am +0000 +00:00 +00 Z Z UTC .120 .12 "
            ",120 186 186");
}

TEST_F(Dates, DateTakesUnixSecondsAndZones) {
  EXPECT_EQ(text("date", {goStr("2006-01-02 15:04 MST"), goInt(0)}), "1970-01-01 00:00 UTC");
  EXPECT_EQ(text("dateInZone", {goStr("Mon Jan _2 15:04:05 -07:00 2006"), goInt(86400), goStr("Asia/Kolkata")}),
            "Fri Jan  2 05:30:00 +05:30 1970");
  EXPECT_EQ(text("date_in_zone", {goStr("2006"), goInt(0), goStr("Nope/X")}), "1970");
  EXPECT_EQ(text("htmlDate", {goInt(1700000000)}), "2023-11-14");
  EXPECT_EQ(text("htmlDateInZone", {Value::integer(1700000000, GoType::Int64), goStr("America/New_York")}),
            "2023-11-14");
  EXPECT_EQ(text("date", {goStr("2006"), goStr("x")}).size(), 4u);  // not a time: now
}

TEST_F(Dates, DateModify) {
  Value t = date("2006-01-02", "2017-12-31");
  EXPECT_EQ(text("dateModify", {goStr("1h30m"), t}), "2017-12-31 01:30:00 +0000 UTC");
  EXPECT_EQ(text("date_modify", {goStr("bad"), t}), "2017-12-31 00:00:00 +0000 UTC");
  EXPECT_EQ(text("dateModify", {goStr("-1.5h"), t}), "2017-12-30 22:30:00 +0000 UTC");
  EXPECT_EQ(callFailure(table, "mustDateModify", {goStr("bad"), t}), "time: invalid duration \"bad\"");
}

TEST_F(Dates, UnixEpochDurationAndDurationRound) {
  EXPECT_EQ(text("unixEpoch", {date("2006-01-02", "2017-12-31")}), "1514678400");
  EXPECT_EQ(text("duration", {goInt(95)}), "0s");  // only int64 and strings count
  EXPECT_EQ(text("duration", {goStr("3700")}), "1h1m40s");
  EXPECT_EQ(text("duration", {goFloat(1.5)}), "0s");
  EXPECT_EQ(text("duration", {Value::integer(90061, GoType::Int64)}), "25h1m1s");
  EXPECT_EQ(text("durationRound", {goStr("2h10m")}), "2h");
  EXPECT_EQ(text("durationRound", {goInt(3600000000000)}), "0s");
  EXPECT_EQ(text("durationRound", {Value::integer(3600000000001, GoType::Int64)}), "1h");
  EXPECT_EQ(text("durationRound", {goStr("400d")}), "0s");
  EXPECT_EQ(text("durationRound", {goStr("-9000h")}), "1y");
  EXPECT_EQ(text("durationRound", {goStr("1s")}), "0s");
}

TEST_F(Dates, NowAndAgo) {
  Value now = call("now", {});
  EXPECT_EQ(now.typeName(), "time.Time");
  EXPECT_NE(now.asObject().format().find(" +0000 UTC m=+"), std::string::npos);
  EXPECT_EQ(text("ago", {now}), "0s");
}

TEST(GoDuration, ParseAndFormat) {
  EXPECT_EQ(formatGoDuration(*parseGoDuration("1h30m")), "1h30m0s");
  EXPECT_EQ(formatGoDuration(*parseGoDuration("1.5s")), "1.5s");
  EXPECT_EQ(formatGoDuration(*parseGoDuration("100ms")), "100ms");
  EXPECT_EQ(formatGoDuration(*parseGoDuration("1500us")), "1.5ms");
  EXPECT_EQ(formatGoDuration(*parseGoDuration("-2h")), "-2h0m0s");
  EXPECT_EQ(parseGoDuration("1").error().message, "time: missing unit in duration \"1\"");
  EXPECT_EQ(parseGoDuration("400d").error().message, "time: unknown unit \"d\" in duration \"400d\"");
}

}  // namespace
}  // namespace ho::tmpl
