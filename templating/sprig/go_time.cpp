// Go time layouts, Time.String and the time.Time object.
#include "templating/sprig/go_time.h"

#include <array>
#include <chrono>
#include <cstdio>

#include "templating/go_format.h"

namespace ho::tmpl {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                      "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
std::int64_t daysFromCivil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yearOfEra = y - era * 400;
  const std::int64_t dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

struct Civil {
  std::int64_t year;
  int month;  // 1-12
  int day;    // 1-31
  int hour, minute, second;
  int weekday;  // 0 = Sunday
  int yearDay;  // 1-366
};

Civil civilFromUnix(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t secondsOfDay = t - days * 86400;
  Civil c{};
  c.hour = static_cast<int>(secondsOfDay / 3600);
  c.minute = static_cast<int>(secondsOfDay / 60 % 60);
  c.second = static_cast<int>(secondsOfDay % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t dayOfEra = days - era * 146097;
  const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const std::int64_t mp = (5 * dayOfYear + 2) / 153;
  c.day = static_cast<int>(dayOfYear - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yearOfEra + era * 400 + (c.month <= 2);
  c.yearDay = static_cast<int>(daysFromCivil(c.year, c.month, c.day) - daysFromCivil(c.year, 1, 1) + 1);
  return c;
}

bool isLeap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }
int daysIn(int month, std::int64_t year) {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeap(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

// The elements of a layout (time/format.go's std* constants).
enum class Element {
  None, LongMonth, Month, NumMonth, ZeroMonth, LongWeekDay, WeekDay, Day, UnderDay, ZeroDay, UnderYearDay,
  ZeroYearDay, Hour, Hour12, ZeroHour12, Minute, ZeroMinute, Second, ZeroSecond, LongYear, Year, PM, pm, TZ,
  ISO8601TZ, ISO8601SecondsTZ, ISO8601ShortTZ, ISO8601ColonTZ, ISO8601ColonSecondsTZ, NumTZ, NumSecondsTz,
  NumShortTZ, NumColonTZ, NumColonSecondsTZ, FracSecond0, FracSecond9,
};

struct Chunk {
  std::string_view prefix;  // literal text before the element
  Element element = Element::None;
  std::string_view text;    // the element as written in the layout
  std::string_view rest;    // the layout after it
};

bool startsWith(std::string_view s, std::size_t at, std::string_view p) { return s.substr(at, p.size()) == p; }
bool digitAt(std::string_view s, std::size_t at) { return at < s.size() && s[at] >= '0' && s[at] <= '9'; }

// The next element of `layout` (time.nextStdChunk).
Chunk nextChunk(std::string_view layout) {
  struct Candidate {
    std::string_view text;
    Element element;
  };
  for (std::size_t i = 0; i < layout.size(); ++i) {
    auto found = [&](std::string_view text, Element e) {
      return Chunk{layout.substr(0, i), e, layout.substr(i, text.size()), layout.substr(i + text.size())};
    };
    const char c = layout[i];
    switch (c) {
      case 'J':
        if (startsWith(layout, i, "January")) return found("January", Element::LongMonth);
        if (startsWith(layout, i, "Jan")) return found("Jan", Element::Month);
        break;
      case 'M':
        if (startsWith(layout, i, "Monday")) return found("Monday", Element::LongWeekDay);
        if (startsWith(layout, i, "Mon")) return found("Mon", Element::WeekDay);
        if (startsWith(layout, i, "MST")) return found("MST", Element::TZ);
        break;
      case '0':
        if (startsWith(layout, i, "002")) return found("002", Element::ZeroYearDay);
        if (i + 1 < layout.size() && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
          static constexpr std::array<Element, 6> zeros = {Element::ZeroMonth,  Element::ZeroDay,
                                                           Element::ZeroHour12, Element::ZeroMinute,
                                                           Element::ZeroSecond, Element::Year};
          return found(layout.substr(i, 2), zeros[static_cast<std::size_t>(layout[i + 1] - '1')]);
        }
        break;
      case '1':
        if (startsWith(layout, i, "15")) return found("15", Element::Hour);
        return found("1", Element::NumMonth);
      case '2':
        if (startsWith(layout, i, "2006")) return found("2006", Element::LongYear);
        return found("2", Element::Day);
      case '_':
        if (startsWith(layout, i, "_2")) {
          if (startsWith(layout, i + 1, "2006")) {  // "_2006" is "_" then a year
            return Chunk{layout.substr(0, i + 1), Element::LongYear, layout.substr(i + 1, 4), layout.substr(i + 5)};
          }
          return found("_2", Element::UnderDay);
        }
        if (startsWith(layout, i, "__2")) return found("__2", Element::UnderYearDay);
        break;
      case '3': return found("3", Element::Hour12);
      case '4': return found("4", Element::Minute);
      case '5': return found("5", Element::Second);
      case 'P':
        if (startsWith(layout, i, "PM")) return found("PM", Element::PM);
        break;
      case 'p':
        if (startsWith(layout, i, "pm")) return found("pm", Element::pm);
        break;
      case '-':
      case 'Z': {
        const bool iso = c == 'Z';
        static constexpr std::array<std::string_view, 5> shapes = {"07:00:00", "070000", "07:00", "0700", "07"};
        static constexpr std::array<Element, 5> numeric = {Element::NumColonSecondsTZ, Element::NumSecondsTz,
                                                           Element::NumColonTZ, Element::NumTZ, Element::NumShortTZ};
        static constexpr std::array<Element, 5> isoForms = {Element::ISO8601ColonSecondsTZ, Element::ISO8601SecondsTZ,
                                                            Element::ISO8601ColonTZ, Element::ISO8601TZ,
                                                            Element::ISO8601ShortTZ};
        for (std::size_t k = 0; k < shapes.size(); ++k) {
          if (startsWith(layout, i + 1, shapes[k])) {
            return found(layout.substr(i, shapes[k].size() + 1), iso ? isoForms[k] : numeric[k]);
          }
        }
        break;
      }
      case '.':
      case ',':
        if (i + 1 < layout.size() && (layout[i + 1] == '0' || layout[i + 1] == '9')) {
          const char digit = layout[i + 1];
          std::size_t j = i + 1;
          while (j < layout.size() && layout[j] == digit) ++j;
          if (!digitAt(layout, j)) {
            return found(layout.substr(i, j - i), digit == '0' ? Element::FracSecond0 : Element::FracSecond9);
          }
        }
        break;
      default: break;
    }
  }
  return Chunk{layout, Element::None, {}, {}};
}

std::string padded(std::int64_t n, int width, char fill = '0') {
  std::string digits = std::to_string(n < 0 ? -n : n);
  while (static_cast<int>(digits.size()) < width) digits.insert(digits.begin(), fill);
  return n < 0 ? "-" + digits : digits;
}

std::string formatOffset(int offset, bool colon, bool withSeconds, bool hoursOnly) {
  std::string out = offset < 0 ? "-" : "+";
  const int abs = offset < 0 ? -offset : offset;
  out += padded(abs / 3600, 2);
  if (hoursOnly) return out;
  if (colon) out += ':';
  out += padded(abs / 60 % 60, 2);
  if (withSeconds) {
    if (colon) out += ':';
    out += padded(abs % 60, 2);
  }
  return out;
}

std::string fraction(std::int32_t nanoseconds, std::string_view text, bool trimZeros) {
  std::string digits = padded(nanoseconds, 9).substr(0, text.size() - 1);
  if (trimZeros) {
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    if (digits.empty()) return "";
  }
  return std::string(1, text[0]) + digits;
}

void appendElement(std::string& out, const Chunk& chunk, const Civil& c, const GoZone& zone, std::int32_t nanos) {
  const int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
  switch (chunk.element) {
    case Element::None: break;
    case Element::LongMonth: out += kMonths[static_cast<std::size_t>(c.month - 1)]; break;
    case Element::Month: out += kMonths[static_cast<std::size_t>(c.month - 1)].substr(0, 3); break;
    case Element::NumMonth: out += std::to_string(c.month); break;
    case Element::ZeroMonth: out += padded(c.month, 2); break;
    case Element::LongWeekDay: out += kWeekdays[static_cast<std::size_t>(c.weekday)]; break;
    case Element::WeekDay: out += kWeekdays[static_cast<std::size_t>(c.weekday)].substr(0, 3); break;
    case Element::Day: out += std::to_string(c.day); break;
    case Element::UnderDay: out += padded(c.day, 2, ' '); break;
    case Element::ZeroDay: out += padded(c.day, 2); break;
    case Element::UnderYearDay: out += padded(c.yearDay, 3, ' '); break;
    case Element::ZeroYearDay: out += padded(c.yearDay, 3); break;
    case Element::Hour: out += padded(c.hour, 2); break;
    case Element::Hour12: out += std::to_string(hour12); break;
    case Element::ZeroHour12: out += padded(hour12, 2); break;
    case Element::Minute: out += std::to_string(c.minute); break;
    case Element::ZeroMinute: out += padded(c.minute, 2); break;
    case Element::Second: out += std::to_string(c.second); break;
    case Element::ZeroSecond: out += padded(c.second, 2); break;
    case Element::LongYear: out += padded(c.year, 4); break;
    case Element::Year: out += padded(c.year % 100, 2); break;
    case Element::PM: out += c.hour >= 12 ? "PM" : "AM"; break;
    case Element::pm: out += c.hour >= 12 ? "pm" : "am"; break;
    case Element::TZ:
      if (!zone.abbreviation.empty()) {
        out += zone.abbreviation;
      } else {
        out += formatOffset(zone.offsetSeconds, false, false, false);
      }
      break;
    case Element::ISO8601TZ:
    case Element::ISO8601SecondsTZ:
    case Element::ISO8601ShortTZ:
    case Element::ISO8601ColonTZ:
    case Element::ISO8601ColonSecondsTZ:
      if (zone.offsetSeconds == 0) {
        out += 'Z';
        break;
      }
      [[fallthrough]];
    case Element::NumTZ:
    case Element::NumSecondsTz:
    case Element::NumShortTZ:
    case Element::NumColonTZ:
    case Element::NumColonSecondsTZ: {
      const std::string_view t = chunk.text;
      out += formatOffset(zone.offsetSeconds, t.find(':') != std::string_view::npos,
                          t.ends_with("070000") || t.ends_with("07:00:00"), t.ends_with("07"));
      break;
    }
    case Element::FracSecond0: out += fraction(nanos, chunk.text, false); break;
    case Element::FracSecond9: out += fraction(nanos, chunk.text, true); break;
  }
}

// --- parsing ---

struct ParseState {
  std::string_view value;
  std::int64_t year = 0;  // a layout without a year parses as year 0
  int month = -1, day = -1, yearDay = -1, hour = 0, minute = 0, second = 0;
  std::int32_t nanos = 0;
  bool pmSet = false, amSet = false;
  std::optional<int> offset;
  std::optional<std::string> zoneName;
  bool utc = false;
};

// Leading digits: exactly `width` when fixed, else 1 or 2 (time.getnum).
std::optional<int> takeNumber(std::string_view& v, bool fixed) {
  if (!digitAt(v, 0)) return std::nullopt;
  if (!digitAt(v, 1)) {
    if (fixed) return std::nullopt;
    const int n = v[0] - '0';
    v.remove_prefix(1);
    return n;
  }
  const int n = (v[0] - '0') * 10 + (v[1] - '0');
  v.remove_prefix(2);
  return n;
}

std::optional<int> takeDigits(std::string_view& v, std::size_t count) {
  if (v.size() < count) return std::nullopt;
  int n = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!digitAt(v, i)) return std::nullopt;
    n = n * 10 + (v[i] - '0');
  }
  v.remove_prefix(count);
  return n;
}

template <std::size_t N>
std::optional<int> takeName(std::string_view& v, const std::array<std::string_view, N>& names, std::size_t length) {
  for (std::size_t i = 0; i < N; ++i) {
    const std::string_view name = length ? names[i].substr(0, length) : names[i];
    if (v.size() >= name.size()) {
      bool same = true;
      for (std::size_t k = 0; k < name.size(); ++k) {
        same = same && std::tolower(static_cast<unsigned char>(v[k])) == std::tolower(static_cast<unsigned char>(name[k]));
      }
      if (same) {
        v.remove_prefix(name.size());
        return static_cast<int>(i);
      }
    }
  }
  return std::nullopt;
}

std::optional<std::int32_t> takeFraction(std::string_view& v, std::size_t digits) {
  // v starts with the separator.
  std::int64_t n = 0;
  std::size_t i = 1;
  for (; i <= digits; ++i) {
    if (!digitAt(v, i)) return std::nullopt;
    if (i <= 9) n = n * 10 + (v[i] - '0');
  }
  for (std::size_t k = digits; k < 9; ++k) n *= 10;
  v.remove_prefix(digits + 1);
  return static_cast<std::int32_t>(n);
}

std::size_t leadingDigits(std::string_view v, std::size_t from) {
  std::size_t i = from;
  while (digitAt(v, i)) ++i;
  return i - from;
}

// Zone abbreviations time.Parse accepts: UTC, 3 letters, 4-5 ending in T, ChST/MeST.
std::size_t zoneNameLength(std::string_view v) {
  if (v.size() < 3) return 0;
  if (v.substr(0, 4) == "ChST" || v.substr(0, 4) == "MeST") return 4;
  if (v.substr(0, 3) == "GMT") return 3;
  std::size_t n = 0;
  while (n < v.size() && v[n] >= 'A' && v[n] <= 'Z') ++n;
  if (n == 3) return 3;
  if ((n == 4 || n == 5) && v[n - 1] == 'T') return n;
  if (n > 5 && v[4] == 'T') return 5;
  if (n > 4 && v[3] == 'T') return 4;
  return n >= 3 ? 3 : 0;
}

// Go accepts offsets up to 24 hours, 60 minutes and 60 seconds; more is a range error.
bool parseOffset(std::string_view& v, const Chunk& chunk, ParseState& s, std::string& rangeError) {
  const bool iso = chunk.text[0] == 'Z';
  if (iso && !v.empty() && v[0] == 'Z') {
    v.remove_prefix(1);
    s.utc = true;
    return true;
  }
  if (v.empty() || (v[0] != '+' && v[0] != '-')) return false;
  const int sign = v[0] == '-' ? -1 : 1;
  const std::string_view shape = chunk.text.substr(1);
  std::string_view rest = v.substr(1);
  int hours = 0, minutes = 0, seconds = 0;
  auto two = [&](int& out) {
    auto n = takeDigits(rest, 2);
    if (!n) return false;
    out = *n;
    return true;
  };
  auto colon = [&] {
    if (rest.empty() || rest[0] != ':') return false;
    rest.remove_prefix(1);
    return true;
  };
  bool ok = two(hours);
  if (ok && shape != "07") {
    const bool colons = shape.find(':') != std::string_view::npos;
    ok = (!colons || colon()) && two(minutes);
    if (ok && shape.size() > 5) ok = (!colons || colon()) && two(seconds);
  }
  if (!ok) return false;
  if (hours > 24) rangeError = "time zone offset hour";
  if (minutes > 60) rangeError = "time zone offset minute";
  if (seconds > 60) rangeError = "time zone offset second";
  s.offset = sign * (hours * 3600 + minutes * 60 + seconds);
  v = rest;
  return true;
}

std::string parseFailure(std::string_view layout, std::string_view value, std::string_view valueElement,
                         std::string_view layoutElement, std::string_view message = "") {
  return "parsing time " + quoteGo(value) + " as " + quoteGo(layout) + ": cannot parse " + quoteGo(valueElement) +
         " as " + quoteGo(layoutElement) + std::string(message);
}

}  // namespace

GoTime GoTime::now() {
  static const auto processStart = std::chrono::steady_clock::now();
  const auto wall = std::chrono::system_clock::now().time_since_epoch();
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(wall).count();
  GoTime t;
  t.unixSeconds = nanos / 1'000'000'000;
  t.nanoseconds = static_cast<std::int32_t>(nanos % 1'000'000'000);
  t.location = GoLocation::local();
  t.monotonicNanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                                                processStart)
                               .count() + 1;
  return t;
}

GoTime GoTime::fromUnix(std::int64_t seconds) {
  GoTime t;
  t.unixSeconds = seconds;
  t.location = GoLocation::local();
  return t;
}

GoTime GoTime::in(std::shared_ptr<const GoLocation> location) const {
  GoTime t = *this;
  t.location = std::move(location);
  return t;
}

GoTime GoTime::plus(std::int64_t d) const {
  GoTime t = *this;
  std::int64_t nanos = t.nanoseconds + d % 1'000'000'000;
  t.unixSeconds += d / 1'000'000'000 + (nanos >= 1'000'000'000 ? 1 : nanos < 0 ? -1 : 0);
  if (nanos >= 1'000'000'000) nanos -= 1'000'000'000;
  if (nanos < 0) nanos += 1'000'000'000;
  t.nanoseconds = static_cast<std::int32_t>(nanos);
  if (t.monotonicNanoseconds) *t.monotonicNanoseconds += d;
  return t;
}

std::int64_t GoTime::since(const GoTime& earlier) const {
  if (monotonicNanoseconds && earlier.monotonicNanoseconds) return *monotonicNanoseconds - *earlier.monotonicNanoseconds;
  const long double seconds = static_cast<long double>(unixSeconds - earlier.unixSeconds) * 1e9L +
                              static_cast<long double>(nanoseconds - earlier.nanoseconds);
  if (seconds > 9.2e18L) return INT64_MAX;
  if (seconds < -9.2e18L) return INT64_MIN;
  return static_cast<std::int64_t>(seconds);
}

std::string GoTime::format(std::string_view layout) const {
  const GoZone zone = location->zoneAt(unixSeconds);
  const Civil civil = civilFromUnix(unixSeconds + zone.offsetSeconds);
  std::string out;
  while (!layout.empty()) {
    const Chunk chunk = nextChunk(layout);
    out += chunk.prefix;
    if (chunk.element == Element::None) break;
    appendElement(out, chunk, civil, zone, nanoseconds);
    layout = chunk.rest;
  }
  return out;
}

std::string GoTime::toString() const {
  std::string out = format("2006-01-02 15:04:05.999999999 -0700 MST");
  if (monotonicNanoseconds) {
    const std::int64_t m = *monotonicNanoseconds;
    const std::int64_t abs = m < 0 ? -m : m;
    out += " m=";
    out += m < 0 ? '-' : '+';
    out += std::to_string(abs / 1'000'000'000) + "." + padded(abs % 1'000'000'000, 9);
  }
  return out;
}

Result<GoTime> parseGoTime(std::string_view layout, std::string_view value,
                           const std::shared_ptr<const GoLocation>& location) {
  const std::string_view fullLayout = layout;
  const std::string_view fullValue = value;
  ParseState s;
  std::string_view v = value;
  while (true) {
    const Chunk chunk = nextChunk(layout);
    if (v.substr(0, chunk.prefix.size()) != chunk.prefix) {
      return Error{parseFailure(fullLayout, fullValue, v, chunk.prefix)};
    }
    v.remove_prefix(chunk.prefix.size());
    if (chunk.element == Element::None) {
      if (!v.empty()) return Error{"parsing time " + quoteGo(fullValue) + ": extra text: " + quoteGo(v)};
      break;
    }
    layout = chunk.rest;
    const std::string_view before = v;
    bool ok = true;
    std::string rangeError;
    switch (chunk.element) {
      case Element::LongYear: {
        auto n = takeDigits(v, 4);
        ok = n.has_value();
        if (ok) s.year = *n;
        break;
      }
      case Element::Year: {
        auto n = takeDigits(v, 2);
        ok = n.has_value();
        if (ok) s.year = *n >= 69 ? 1900 + *n : 2000 + *n;
        break;
      }
      case Element::LongMonth:
      case Element::Month: {
        auto n = takeName(v, kMonths, chunk.element == Element::Month ? 3 : 0);
        ok = n.has_value();
        if (ok) s.month = *n + 1;
        break;
      }
      case Element::NumMonth:
      case Element::ZeroMonth: {
        auto n = takeNumber(v, chunk.element == Element::ZeroMonth);
        ok = n.has_value();
        if (ok && (*n <= 0 || *n > 12)) rangeError = "month";
        if (ok) s.month = *n;
        break;
      }
      case Element::LongWeekDay:
      case Element::WeekDay: ok = takeName(v, kWeekdays, chunk.element == Element::WeekDay ? 3 : 0).has_value(); break;
      case Element::Day:
      case Element::UnderDay:
      case Element::ZeroDay: {
        if (chunk.element == Element::UnderDay && !v.empty() && v[0] == ' ') v.remove_prefix(1);
        auto n = takeNumber(v, chunk.element == Element::ZeroDay);
        ok = n.has_value();
        if (ok) s.day = *n;
        break;
      }
      case Element::UnderYearDay:
      case Element::ZeroYearDay: {
        if (chunk.element == Element::UnderYearDay) {
          while (!v.empty() && v[0] == ' ' && v.size() > 1) v.remove_prefix(1);
        }
        auto n = takeDigits(v, std::min<std::size_t>(3, leadingDigits(v, 0)));
        ok = n.has_value() && *n > 0;
        if (ok) s.yearDay = *n;
        break;
      }
      case Element::Hour: {
        auto n = takeNumber(v, false);
        ok = n.has_value();
        if (ok && *n > 23) rangeError = "hour";
        if (ok) s.hour = *n;
        break;
      }
      case Element::Hour12:
      case Element::ZeroHour12: {
        auto n = takeNumber(v, chunk.element == Element::ZeroHour12);
        ok = n.has_value();
        if (ok && *n > 12) rangeError = "hour";
        if (ok) s.hour = *n;
        break;
      }
      case Element::Minute:
      case Element::ZeroMinute: {
        auto n = takeNumber(v, chunk.element == Element::ZeroMinute);
        ok = n.has_value();
        if (ok && *n > 59) rangeError = "minute";
        if (ok) s.minute = *n;
        break;
      }
      case Element::Second:
      case Element::ZeroSecond: {
        auto n = takeNumber(v, chunk.element == Element::ZeroSecond);
        ok = n.has_value();
        if (ok && *n > 59) rangeError = "second";
        if (ok) s.second = *n;
        // A fraction the layout does not mention is still accepted after seconds.
        const Chunk following = nextChunk(layout);
        const bool layoutHasFraction = following.prefix.empty() && (following.element == Element::FracSecond0 ||
                                                                     following.element == Element::FracSecond9);
        if (ok && !layoutHasFraction && v.size() >= 2 && (v[0] == '.' || v[0] == ',') && digitAt(v, 1)) {
          s.nanos = *takeFraction(v, leadingDigits(v, 1));
        }
        break;
      }
      case Element::PM:
      case Element::pm: {
        const std::string_view word = v.substr(0, 2);
        const bool upper = chunk.element == Element::PM;
        if (word == (upper ? "PM" : "pm")) {
          s.pmSet = true;
        } else if (word == (upper ? "AM" : "am")) {
          s.amSet = true;
        } else {
          ok = false;
        }
        if (ok) v.remove_prefix(2);
        break;
      }
      case Element::TZ: {
        if (v.substr(0, 3) == "UTC") {
          s.utc = true;
          v.remove_prefix(3);
          break;
        }
        const std::size_t n = zoneNameLength(v);
        ok = n > 0;
        if (ok) {
          s.zoneName = std::string(v.substr(0, n));
          v.remove_prefix(n);
        }
        break;
      }
      case Element::FracSecond0: {
        const std::size_t digits = chunk.text.size() - 1;
        ok = !v.empty() && v[0] == chunk.text[0];
        std::optional<std::int32_t> n = ok ? takeFraction(v, digits) : std::nullopt;
        ok = n.has_value();
        if (ok) s.nanos = *n;
        break;
      }
      case Element::FracSecond9:
        if (v.size() >= 2 && v[0] == chunk.text[0] && digitAt(v, 1)) s.nanos = *takeFraction(v, leadingDigits(v, 1));
        break;
      default: ok = parseOffset(v, chunk, s, rangeError); break;
    }
    if (!rangeError.empty()) return Error{"parsing time " + quoteGo(fullValue) + ": " + rangeError + " out of range"};
    if (!ok) return Error{parseFailure(fullLayout, fullValue, before, chunk.text)};
  }
  if (s.pmSet && s.hour < 12) s.hour += 12;
  if (s.amSet && s.hour == 12) s.hour = 0;
  if (s.yearDay > 0) {
    const std::int64_t first = daysFromCivil(s.year, 1, 1);
    const Civil c = civilFromUnix((first + s.yearDay - 1) * 86400);
    s.month = c.month;
    s.day = c.day;
  }
  if (s.month < 0) s.month = 1;
  if (s.day < 0) s.day = 1;
  if (s.day < 1 || s.day > daysIn(s.month, s.year)) {
    return Error{"parsing time " + quoteGo(fullValue) + ": day out of range"};
  }
  const std::int64_t civilSeconds =
      daysFromCivil(s.year, s.month, s.day) * 86400 + s.hour * 3600 + s.minute * 60 + s.second;
  GoTime t;
  t.nanoseconds = s.nanos;
  if (s.utc) {
    t.unixSeconds = civilSeconds;
    t.location = GoLocation::utc();
    return t;
  }
  if (s.offset) {
    t.unixSeconds = civilSeconds - *s.offset;
    const bool localMatches = location->zoneAt(t.unixSeconds).offsetSeconds == *s.offset;
    t.location = localMatches ? location : GoLocation::fixed("", *s.offset);
    return t;
  }
  if (s.zoneName) {
    if (auto offset = location->offsetOf(*s.zoneName, civilSeconds)) {
      t.unixSeconds = civilSeconds - *offset;
      t.location = location;
      return t;
    }
    t.unixSeconds = civilSeconds;
    t.location = GoLocation::fixed(*s.zoneName, 0);
    return t;
  }
  // Wall time in `location`: find the offset in effect at that wall time.
  const int guess = location->zoneAt(civilSeconds).offsetSeconds;
  t.unixSeconds = civilSeconds - guess;
  const int actual = location->zoneAt(t.unixSeconds).offsetSeconds;
  if (actual != guess) t.unixSeconds = civilSeconds - actual;
  t.location = location;
  return t;
}

namespace {

class TimeObject final : public Object {
 public:
  explicit TimeObject(GoTime time) : time_(std::move(time)) {}
  const GoTime& time() const { return time_; }

  std::string typeName() const override { return "time.Time"; }
  std::string kindName() const override { return "struct"; }

  std::optional<Value> field(std::string_view name) const override {
    const GoZone zone = time_.location->zoneAt(time_.unixSeconds);
    const Civil c = civilFromUnix(time_.unixSeconds + zone.offsetSeconds);
    auto integer = [](std::int64_t n) { return Value::integer(n, GoType::Int); };
    if (name == "Year") return integer(c.year);
    if (name == "Month") return Value::string(std::string(kMonths[static_cast<std::size_t>(c.month - 1)]));
    if (name == "Day") return integer(c.day);
    if (name == "Hour") return integer(c.hour);
    if (name == "Minute") return integer(c.minute);
    if (name == "Second") return integer(c.second);
    if (name == "Nanosecond") return integer(time_.nanoseconds);
    if (name == "YearDay") return integer(c.yearDay);
    if (name == "Weekday") return Value::string(std::string(kWeekdays[static_cast<std::size_t>(c.weekday)]));
    if (name == "Unix") return Value::integer(time_.unixSeconds, GoType::Int64);
    if (name == "UnixNano") return Value::integer(time_.unixSeconds * 1'000'000'000 + time_.nanoseconds, GoType::Int64);
    if (name == "UTC") return timeValue(time_.in(GoLocation::utc()));
    if (name == "Local") return timeValue(time_.in(GoLocation::local()));
    if (name == "String") return Value::string(time_.toString());
    return std::nullopt;
  }

  bool hasMethod(std::string_view name) const override { return name == "Format"; }

  Value callMethod(std::string_view name, std::span<const Value> args) const override {
    if (name != "Format") return Object::callMethod(name, args);
    if (args.size() != 1 || !args[0].isString()) throw Failure("wrong number of args for Format: want 1 got " + std::to_string(args.size()));
    return Value::string(time_.format(args[0].asString()));
  }

  std::string format() const override { return time_.toString(); }
  Value toData() const override { return Value::string(time_.format("2006-01-02T15:04:05.999999999Z07:00")); }

 private:
  GoTime time_;
};

}  // namespace

Value timeValue(GoTime time) { return Value::object(std::make_shared<TimeObject>(std::move(time))); }

std::optional<GoTime> timeOf(const Value& v) {
  if (!v.isObject()) return std::nullopt;
  const auto* object = dynamic_cast<const TimeObject*>(&v.asObject());
  if (object == nullptr) return std::nullopt;
  return object->time();
}

}  // namespace ho::tmpl
