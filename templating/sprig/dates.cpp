// Sprig date functions (sprig v3.3 date.go) over GoTime.
#include "templating/sprig/dates.h"

#include <array>
#include <charconv>

#include "templating/sprig/go_duration.h"
#include "templating/sprig/spec_builders.h"
#include "templating/sprig/go_time.h"

namespace ho::tmpl {

namespace {

using sprig::Args;
constexpr auto kAny = ParamType::Any;
constexpr auto kString = ParamType::String;
constexpr auto kTime = ParamType::Time;

constexpr std::int64_t kSecond = 1'000'000'000;

// The instant sprig's date functions take: a time, or Unix seconds as int/int64/int32; else now.
GoTime instantOf(const Value& v, bool acceptInt32) {
  if (auto t = timeOf(v)) return *t;
  const GoType type = v.goType();
  if (v.isInt() && (type == GoType::Int || type == GoType::Int64 || (acceptInt32 && type == GoType::Int32))) {
    return GoTime::fromUnix(v.asInt());
  }
  return GoTime::now();
}

std::string formatInZone(std::string_view layout, const Value& date, std::string_view zone) {
  auto location = GoLocation::load(zone);
  if (location == nullptr) location = GoLocation::utc();
  return instantOf(date, true).in(location).format(layout);
}

Value dateModify(Args a, bool mustSucceed) {
  const GoTime t = *timeOf(a[1]);
  auto d = parseGoDuration(a[0].asString());
  if (!d) {
    if (mustSucceed) throw Failure(d.error().message);
    return timeValue(t);
  }
  return timeValue(t.plus(*d));
}

Value toDate(Args a, bool mustSucceed) {
  auto t = parseGoTime(a[0].asString(), a[1].asString(), GoLocation::local());
  if (!t) {
    if (mustSucceed) throw Failure(t.error().message);
    return timeValue(GoTime{});
  }
  return timeValue(*t);
}

std::int64_t parseInt64OrZero(const std::string& text) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  return ec == std::errc() && end == text.data() + text.size() ? n : 0;
}

Value duration(Args a) {
  std::int64_t seconds = 0;
  if (a[0].isString()) seconds = parseInt64OrZero(a[0].asString());
  if (a[0].goType() == GoType::Int64) seconds = a[0].asInt();
  return Value::string(formatGoDuration(seconds * kSecond));
}

// The largest whole unit of a duration: "2h", "3mo", "1y" (months of 30 days, years of 365).
Value durationRound(Args a) {
  std::int64_t d = 0;
  if (a[0].isString()) {
    auto parsed = parseGoDuration(a[0].asString());
    d = parsed ? *parsed : 0;
  } else if (a[0].goType() == GoType::Int64) {
    d = a[0].asInt();
  } else if (auto t = timeOf(a[0])) {
    d = GoTime::now().since(*t);
  }
  const std::uint64_t u = d < 0 ? 0 - static_cast<std::uint64_t>(d) : static_cast<std::uint64_t>(d);
  constexpr std::uint64_t hour = 3600ULL * kSecond;
  static constexpr std::array<std::pair<std::uint64_t, const char*>, 6> units{{{hour * 24 * 365, "y"},
                                                                              {hour * 24 * 30, "mo"},
                                                                              {hour * 24, "d"},
                                                                              {hour, "h"},
                                                                              {60ULL * kSecond, "m"},
                                                                              {kSecond, "s"}}};
  for (const auto& [size, suffix] : units) {
    if (u > size) return Value::string(std::to_string(u / size) + suffix);
  }
  return Value::string("0s");
}

Value ago(Args a) {
  GoTime then = GoTime::now();
  if (auto t = timeOf(a[0])) {
    then = *t;
  } else if (a[0].goType() == GoType::Int || a[0].goType() == GoType::Int64) {
    then = GoTime::fromUnix(a[0].asInt());
  }
  return Value::string(formatGoDuration(roundGoDuration(GoTime::now().since(then), kSecond)));
}


}  // namespace

void registerDateFunctions(FunctionTable& table) {
  table.add("now", sprig::fixed({}, [](Args) { return timeValue(GoTime::now()); }));
  table.add("date", sprig::fixed({kString, kAny}, [](Args a) {
              return Value::string(formatInZone(a[0].asString(), a[1], "Local"));
            }));
  auto inZone = sprig::fixed({kString, kAny, kString}, [](Args a) {
    return Value::string(formatInZone(a[0].asString(), a[1], a[2].asString()));
  });
  table.add("dateInZone", inZone);
  table.add("date_in_zone", inZone);
  table.add("htmlDate", sprig::fixed({kAny}, [](Args a) { return Value::string(formatInZone("2006-01-02", a[0], "Local")); }));
  table.add("htmlDateInZone", sprig::fixed({kAny, kString}, [](Args a) {
              return Value::string(formatInZone("2006-01-02", a[0], a[1].asString()));
            }));
  auto modify = sprig::fixed({kString, kTime}, [](Args a) { return dateModify(a, false); });
  auto mustModify = sprig::fixed({kString, kTime}, [](Args a) { return dateModify(a, true); });
  table.add("dateModify", modify);
  table.add("date_modify", modify);
  table.add("mustDateModify", mustModify);
  table.add("must_date_modify", mustModify);
  table.add("ago", sprig::fixed({kAny}, ago));
  table.add("duration", sprig::fixed({kAny}, duration));
  table.add("durationRound", sprig::fixed({kAny}, durationRound));
  table.add("toDate", sprig::fixed({kString, kString}, [](Args a) { return toDate(a, false); }));
  table.add("mustToDate", sprig::fixed({kString, kString}, [](Args a) { return toDate(a, true); }));
  table.add("unixEpoch", sprig::fixed({kTime}, [](Args a) {
              return Value::string(std::to_string(timeOf(a[0])->unixSeconds));
            }));
}

}  // namespace ho::tmpl
