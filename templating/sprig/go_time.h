// Go's time.Time for templates: an instant (Unix seconds + nanoseconds) in a
// location, formatted and parsed with Go's reference layouts
// ("2006-01-02T15:04:05Z07:00"), printed by %v as Time.String does
// ("2017-12-31 00:00:00 +0000 UTC", plus " m=+0.05" for time.Now()).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/value.h"
#include "templating/sprig/go_location.h"

namespace ho::tmpl {

struct GoTime {
  std::int64_t unixSeconds = -62135596800;  // the zero Time: 0001-01-01 00:00:00 UTC
  std::int32_t nanoseconds = 0;
  std::shared_ptr<const GoLocation> location = GoLocation::utc();
  std::optional<std::int64_t> monotonicNanoseconds;  // only times from now()

  static GoTime now();
  static GoTime fromUnix(std::int64_t seconds);  // in Local, like time.Unix

  GoTime in(std::shared_ptr<const GoLocation> location) const;
  GoTime plus(std::int64_t nanoseconds) const;
  // Nanoseconds from `earlier` to this time (time.Sub, saturating).
  std::int64_t since(const GoTime& earlier) const;

  std::string format(std::string_view layout) const;  // Time.Format
  std::string toString() const;                       // Time.String
};

// time.ParseInLocation; errors read like Go's ParseError.
Result<GoTime> parseGoTime(std::string_view layout, std::string_view value,
                           const std::shared_ptr<const GoLocation>& location);

// A time.Time template value and back (nullopt when `v` is not a time.Time).
Value timeValue(GoTime time);
std::optional<GoTime> timeOf(const Value& v);

}  // namespace ho::tmpl
