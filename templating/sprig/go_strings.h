// The pieces of Go's strings package Sprig exposes directly (strings.Title,
// TrimSpace, Trim, Replace, Split/SplitN, Repeat), with Go's rune handling:
// invalid UTF-8 bytes act as U+FFFD and an empty separator splits per rune.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ho::tmpl {

std::string goToUpper(std::string_view s);
std::string goToLower(std::string_view s);
std::string goTitle(std::string_view s);
std::string goTrimSpace(std::string_view s);
// strings.Trim(s, cutset).
std::string goTrim(std::string_view s, std::string_view cutset);
// strings.Replace(s, old, new, -1).
std::string goReplaceAll(std::string_view s, std::string_view from, std::string_view to);
// strings.SplitN(s, sep, n); n < 0 means all parts, n == 0 none.
std::vector<std::string> goSplitN(std::string_view s, std::string_view sep, long long n);
// strings.Repeat; throws Go's panic text for a negative count.
std::string goRepeat(std::string_view s, long long count);

}  // namespace ho::tmpl
