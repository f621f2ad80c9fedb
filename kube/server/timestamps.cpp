// RFC 3339 timestamps and human-readable ages.
#include "kube/server/timestamps.h"

#include <cstdio>
#include <ctime>

namespace ho::kube {

std::string formatTimestamp(Clock::time_point when) {
  const std::time_t seconds = Clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::optional<Clock::time_point> parseTimestamp(std::string_view text) {
  std::tm utc{};
  int year = 0;
  int month = 0;
  const std::string copy(text);
  if (std::sscanf(copy.c_str(), "%d-%d-%dT%d:%d:%d", &year, &month, &utc.tm_mday, &utc.tm_hour, &utc.tm_min,
                  &utc.tm_sec) != 6) {
    return std::nullopt;
  }
  utc.tm_year = year - 1900;
  utc.tm_mon = month - 1;
  return Clock::from_time_t(timegm(&utc));
}

std::string humanDuration(std::chrono::seconds elapsed) {
  const long long seconds = elapsed.count();
  const auto format = [](const char* pattern, long long a, long long b = 0) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, pattern, a, b);
    return std::string(buffer);
  };
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return format("%llds", seconds);
  const long long minutes = seconds / 60;
  if (minutes < 10) return seconds % 60 == 0 ? format("%lldm", minutes) : format("%lldm%llds", minutes, seconds % 60);
  if (minutes < 180) return format("%lldm", minutes);
  const long long hours = seconds / 3600;
  if (hours < 8) return minutes % 60 == 0 ? format("%lldh", hours) : format("%lldh%lldm", hours, minutes % 60);
  if (hours < 48) return format("%lldh", hours);
  if (hours < 24 * 8) return hours % 24 == 0 ? format("%lldd", hours / 24) : format("%lldd%lldh", hours / 24, hours % 24);
  if (hours < 24 * 365 * 2) return format("%lldd", hours / 24);
  if (hours < 24 * 365 * 8) {
    const long long days = (hours / 24) % 365;
    return days == 0 ? format("%lldy", hours / 24 / 365) : format("%lldy%lldd", hours / 24 / 365, days);
  }
  return format("%lldy", hours / 24 / 365);
}

}  // namespace ho::kube
