// logLine: logfmt or JSON lines on stderr, one writer at a time.
#include "controller/runtime/structured_log.h"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "controller/runtime/utc_time.h"

namespace ho::controller::runtime {
namespace {

std::atomic<LogFormat> selectedFormat = LogFormat::Text;
std::mutex writing;

// logfmt: bare when the value has no space, quote, '=' or control character; else a quoted JSON string.
std::string logfmtValue(std::string_view value) {
  const bool bare = !value.empty() && value.find_first_of(" \"=\\") == std::string_view::npos &&
                    std::none_of(value.begin(), value.end(), [](unsigned char c) { return c < 0x20; });
  return bare ? std::string(value) : nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string textLine(std::string_view level, std::string_view message, const std::vector<LogField>& fields) {
  std::string line = "ts=" + utcNow(3) + " level=" + std::string(level) + " msg=" + logfmtValue(message);
  for (const auto& [key, value] : fields) {
    if (!value.empty()) line += " " + std::string(key) + "=" + logfmtValue(value);
  }
  return line;
}

std::string jsonLine(std::string_view level, std::string_view message, const std::vector<LogField>& fields) {
  nlohmann::ordered_json line = {{"ts", utcNow(3)}, {"level", level}, {"msg", message}};
  for (const auto& [key, value] : fields) {
    if (!value.empty()) line[std::string(key)] = value;
  }
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void setLogFormat(LogFormat format) { selectedFormat = format; }

void logLine(std::string_view level, std::string_view message, const std::vector<LogField>& fields) {
  const std::string line = selectedFormat == LogFormat::Json ? jsonLine(level, message, fields)
                                                             : textLine(level, message, fields);
  std::lock_guard lock(writing);
  std::cerr << line << '\n' << std::flush;
}

}  // namespace ho::controller::runtime
