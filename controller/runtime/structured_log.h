// Structured log lines for the controller: logfmt text by default
// (`ts=... level=info msg="..." key=value`), or one JSON object per line with
// --log-format json. Lines from several threads never interleave.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ho::controller::runtime {

enum class LogFormat { Text, Json };

// Chosen once at start-up (before threads log); Text until then.
void setLogFormat(LogFormat format);

using LogField = std::pair<std::string_view, std::string>;

// Writes one line to stderr: time, level ("info", "warn", "error"), message, then the
// fields in order (those with an empty value left out).
void logLine(std::string_view level, std::string_view message, const std::vector<LogField>& fields = {});

}  // namespace ho::controller::runtime
