// The word-level text helpers Sprig borrows from Masterminds/goutils
// (abbreviate, wrap, initials, swapcase, untitle, nospace) and huandu/xstrings
// v1.5 (snakecase, camelcase, kebabcase), with their byte-level quirks kept:
// goutils' nospace and initials read bytes as Latin-1 runes.
#pragma once

#include <string>
#include <string_view>

namespace ho::tmpl {

// goutils.AbbreviateFull(str, offset, maxWidth); nullopt-free: callers check widths first.
std::string abbreviateFull(std::string_view str, int offset, int maxWidth);
// goutils.WrapCustom(str, wrapLength, newLine, wrapLongWords).
std::string wrapCustom(std::string_view str, int wrapLength, std::string_view newLine, bool wrapLongWords);
std::string initials(std::string_view str);          // goutils.Initials
std::string deleteWhiteSpace(std::string_view str);  // goutils.DeleteWhiteSpace
std::string uncapitalize(std::string_view str);      // goutils.Uncapitalize
std::string swapCase(std::string_view str);          // goutils.SwapCase

std::string toCamelCase(std::string_view str);  // xstrings.ToCamelCase
std::string toSnakeCase(std::string_view str);  // xstrings.ToSnakeCase
std::string toKebabCase(std::string_view str);  // xstrings.ToKebabCase

}  // namespace ho::tmpl
