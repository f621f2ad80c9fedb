// Go's time.Location: a named time zone read from the system tz database
// (/usr/share/zoneinfo TZif files), UTC, Local, or a fixed offset.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ho::tmpl {

struct GoZone {
  std::string abbreviation;  // "CET", "" for an unnamed fixed offset
  int offsetSeconds = 0;     // east of UTC
};

class GoLocation {
 public:
  static std::shared_ptr<const GoLocation> utc();
  // The process's zone: $TZ, else /etc/localtime; named "Local".
  static std::shared_ptr<const GoLocation> local();
  // time.LoadLocation: "" and "UTC" are UTC, "Local" is local(); nullptr when unknown.
  static std::shared_ptr<const GoLocation> load(std::string_view name);
  // time.FixedZone(name, offset).
  static std::shared_ptr<const GoLocation> fixed(std::string abbreviation, int offsetSeconds);

  const std::string& name() const { return name_; }
  // The zone in effect at a Unix time.
  GoZone zoneAt(std::int64_t unixSeconds) const;
  // The offset of an abbreviation in effect around a Unix time (Location.lookupName).
  std::optional<int> offsetOf(std::string_view abbreviation, std::int64_t unixSeconds) const;

 private:
  struct Transition {
    std::int64_t at;
    std::size_t zone;
  };
  static std::shared_ptr<const GoLocation> fromTzif(std::string name, const std::string& path);

  std::string name_;
  std::vector<GoZone> zones_;
  std::vector<Transition> transitions_;  // sorted; before the first, zones_[0] applies
};

}  // namespace ho::tmpl
