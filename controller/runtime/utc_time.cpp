// utcNow: system clock -> RFC 3339 UTC text.
#include "controller/runtime/utc_time.h"

#include <chrono>
#include <algorithm>
#include <ctime>

namespace ho::controller::runtime {

std::string utcNow(int fractionDigits) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::string out(text, std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc));
  if (fractionDigits > 0) {
    const long long micros =
        std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() % 1000000;
    std::string fraction = std::to_string(1000000 + micros).substr(1);  // six digits, zero-padded
    out += "." + fraction.substr(0, static_cast<size_t>(std::min(fractionDigits, 6)));
  }
  return out + "Z";
}

}  // namespace ho::controller::runtime
