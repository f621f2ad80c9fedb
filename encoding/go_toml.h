// TOML as Helm's toToml and fromToml see it (BurntSushi/toml v1.4.0).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/value.h"

namespace ho::encoding {

// BurntSushi/toml Encode of a map: plain keys first then tables, each group sorted;
// nested tables indented two spaces per level; floats always with a decimal
// point ("3.0", "0.0000001"); nil values omitted. Ends with "\n" after the last
// line (empty string for an empty map). Non-map input is an error.
Result<std::string> toToml(const Value& v);

// The four TOML datetime kinds and the time zone BurntSushi reads each in:
// time.Local for offset datetimes, else the fixed zones "datetime-local",
// "date-local" and "time-local" at the local offset.
enum class TomlDatetimeKind : std::uint8_t { Offset, LocalDatetime, LocalDate, LocalTime };

struct TomlDatetime {
  std::string_view text;    // as written, with t, z and a space separator read as T, Z, T
  std::string_view layout;  // the Go reference layout tried, e.g. "2006-01-02"
  TomlDatetimeKind kind;
};

// What the decoder borrows from the Go runtime around it (encoding/ cannot
// reach templating/): time parsing, unicode.IsLetter and strconv quoting.
struct TomlDecodeHooks {
  // time.ParseInLocation(layout, text, zone of kind) as a time.Time value;
  // nullopt when Go rejects the text.
  std::function<std::optional<Value>(const TomlDatetime&)> parseDatetime;
  std::function<bool(char32_t)> isLetter;               // unicode.IsLetter
  std::function<std::string(std::string_view)> quote;  // strconv.Quote
  std::function<std::string(char32_t)> quoteRune;       // strconv.QuoteRune
};

// toml.Unmarshal into map[string]interface{}: integers int64, floats float64,
// arrays []interface {}, tables map[string]interface {}, arrays of tables
// []map[string]interface {}, datetimes whatever parseDatetime makes. Errors
// read exactly like BurntSushi's ("toml: line 3 (last key \"a\"): ...").
Result<Value> parseToml(std::string_view text, const TomlDecodeHooks& hooks);

}  // namespace ho::encoding
