// Go's strconv beyond what go_format.h declares (formatFloat, quoteGo live
// there): quoting variants and the number parsers spf13/cast and Sprig call,
// with Go's syntax (base prefixes, underscores, inf/nan) and range errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ho::tmpl {

// strconv.QuoteToASCII: like quoteGo but escapes every non-ASCII rune.
std::string quoteGoASCII(std::string_view s);
// strconv.QuoteRune / QuoteRuneToASCII: a Go character literal ('a', '\n', '\u00e9').
std::string quoteRune(char32_t r, bool asciiOnly = false);
// strconv.CanBackquote: whether s can be written as a `raw string` literal.
bool canBackquote(std::string_view s);

// strconv.ParseInt(s, base, 64); nullopt on a syntax or range error.
// Base 0 reads Go's prefixes (0x, 0o, 0b, leading 0 for octal) and underscores.
std::optional<std::int64_t> parseGoInt(std::string_view s, int base);
// strconv.ParseFloat(s, 64); nullopt on a syntax or range error.
std::optional<double> parseGoFloat(std::string_view s);
// strconv.ParseBool: 1 t T TRUE true True / 0 f F FALSE false False.
std::optional<bool> parseGoBool(std::string_view s);

}  // namespace ho::tmpl
