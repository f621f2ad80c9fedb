// Sprig's string functions, each registered with its Go signature so that
// wrong argument types fail the way Go's reflect call does.
#include "templating/sprig/strings.h"

#include <algorithm>

#include "core/error.h"
#include "templating/go_cast.h"
#include "templating/go_format.h"
#include "templating/sprig/go_strings.h"
#include "templating/sprig/spec_builders.h"
#include "templating/sprig/word_text.h"

namespace ho::tmpl {

namespace {

using namespace sprig;  // NOLINT(google-build-using-namespace)

using StringMapping = std::string (*)(std::string_view);

std::string sliceBoundsError(const std::string& detail) {
  return "runtime error: slice bounds out of range " + detail;
}

// sprig substring: s[:end], s[start:] or s[start:end], panicking as Go's slicing does.
std::string substring(std::int64_t start, std::int64_t end, const std::string& s) {
  const auto length = static_cast<std::int64_t>(s.size());
  if (start < 0) {
    if (end < 0) throw Failure(sliceBoundsError("[:" + std::to_string(end) + "]"));
    if (end > length) {
      throw Failure(sliceBoundsError("[:" + std::to_string(end) + "] with length " + std::to_string(length)));
    }
    return s.substr(0, static_cast<std::size_t>(end));
  }
  if (end < 0 || end > length) {
    if (start > length) throw Failure(sliceBoundsError("[" + std::to_string(start) + ":" + std::to_string(length) + "]"));
    return s.substr(static_cast<std::size_t>(start));
  }
  if (start > end) throw Failure(sliceBoundsError("[" + std::to_string(start) + ":" + std::to_string(end) + "]"));
  return s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
}

std::string truncate(std::int64_t c, const std::string& s) {
  const auto length = static_cast<std::int64_t>(s.size());
  if (c < 0 && length + c > 0) return s.substr(static_cast<std::size_t>(length + c));
  if (c >= 0 && length > c) return s.substr(0, static_cast<std::size_t>(c));
  return s;
}

std::string indent(std::int64_t spaces, std::string_view text) {
  std::string pad = goRepeat(" ", spaces);
  return pad + goReplaceAll(text, "\n", "\n" + pad);
}

Value splitToMap(const std::vector<std::string>& parts) {
  Map entries;
  for (std::size_t i = 0; i < parts.size(); ++i) entries.emplace("_" + std::to_string(i), Value::string(parts[i]));
  return Value::map(std::move(entries), GoType::StringMap);
}

std::string joinStrings(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

// Joins fmt's %v of the non-nil values, each decorated by `decorate`.
template <class Decorate>
std::string joinNonNil(Args values, Decorate decorate) {
  std::vector<std::string> parts;
  for (const Value& v : values) {
    if (!v.isNil()) parts.push_back(decorate(v));
  }
  return joinStrings(parts, " ");
}

std::vector<std::string> sortAlpha(const Value& v) {
  if (!v.isList()) return {castToString(v)};
  std::vector<std::string> items = castToStrings(v);
  std::sort(items.begin(), items.end());
  return items;
}

void addStringMapping(FunctionTable& table, std::string name, StringMapping mapping) {
  table.add(std::move(name), fixed({kString}, [mapping](Args a) { return goString(mapping(a[0].asString())); }));
}

// Functions of (a, b string) that sprig declares with the subject last.
template <class Body>
void addStringPair(FunctionTable& table, std::string name, Body body) {
  table.add(std::move(name), fixed({kString, kString}, [body](Args a) { return body(a[0].asString(), a[1].asString()); }));
}

void registerCaseAndWhitespace(FunctionTable& table) {
  addStringMapping(table, "upper", goToUpper);
  addStringMapping(table, "lower", goToLower);
  addStringMapping(table, "title", goTitle);
  addStringMapping(table, "untitle", uncapitalize);
  addStringMapping(table, "trim", goTrimSpace);
  addStringMapping(table, "nospace", deleteWhiteSpace);
  addStringMapping(table, "initials", initials);
  addStringMapping(table, "swapcase", swapCase);
  addStringMapping(table, "snakecase", toSnakeCase);
  addStringMapping(table, "camelcase", toCamelCase);
  addStringMapping(table, "kebabcase", toKebabCase);
  addStringPair(table, "trimAll", [](const std::string& cutset, const std::string& s) { return goString(goTrim(s, cutset)); });
  addStringPair(table, "trimall", [](const std::string& cutset, const std::string& s) { return goString(goTrim(s, cutset)); });
  addStringPair(table, "trimPrefix", [](const std::string& prefix, const std::string& s) {
    return goString(s.starts_with(prefix) ? s.substr(prefix.size()) : s);
  });
  addStringPair(table, "trimSuffix", [](const std::string& suffix, const std::string& s) {
    return goString(s.ends_with(suffix) ? s.substr(0, s.size() - suffix.size()) : s);
  });
}

void registerSlicingAndLayout(FunctionTable& table) {
  table.add("substr", fixed({kInt, kInt, kString}, [](Args a) {
    return goString(substring(a[0].asInt(), a[1].asInt(), a[2].asString()));
  }));
  table.add("trunc", fixed({kInt, kString}, [](Args a) { return goString(truncate(a[0].asInt(), a[1].asString())); }));
  table.add("repeat", fixed({kInt, kString}, [](Args a) { return goString(goRepeat(a[1].asString(), a[0].asInt())); }));
  table.add("abbrev", fixed({kInt, kString}, [](Args a) {
    const std::string& s = a[1].asString();
    return goString(a[0].asInt() < 4 ? s : abbreviateFull(s, 0, static_cast<int>(a[0].asInt())));
  }));
  table.add("abbrevboth", fixed({kInt, kInt, kString}, [](Args a) {
    std::int64_t left = a[0].asInt(), right = a[1].asInt();
    const std::string& s = a[2].asString();
    if (right < 4 || (left > 0 && right < 7)) return goString(s);
    return goString(abbreviateFull(s, static_cast<int>(left), static_cast<int>(right)));
  }));
  table.add("wrap", fixed({kInt, kString}, [](Args a) {
    return goString(wrapCustom(a[1].asString(), static_cast<int>(a[0].asInt()), "", false));
  }));
  table.add("wrapWith", fixed({kInt, kString, kString}, [](Args a) {
    return goString(wrapCustom(a[2].asString(), static_cast<int>(a[0].asInt()), a[1].asString(), true));
  }));
  table.add("indent", fixed({kInt, kString}, [](Args a) { return goString(indent(a[0].asInt(), a[1].asString())); }));
  table.add("nindent", fixed({kInt, kString}, [](Args a) { return goString("\n" + indent(a[0].asInt(), a[1].asString())); }));
}

void registerSearchAndReplace(FunctionTable& table) {
  addStringPair(table, "contains", [](const std::string& sub, const std::string& s) {
    return goBool(s.find(sub) != std::string::npos);
  });
  addStringPair(table, "hasPrefix", [](const std::string& prefix, const std::string& s) { return goBool(s.starts_with(prefix)); });
  addStringPair(table, "hasSuffix", [](const std::string& suffix, const std::string& s) { return goBool(s.ends_with(suffix)); });
  table.add("replace", fixed({kString, kString, kString}, [](Args a) {
    return goString(goReplaceAll(a[2].asString(), a[0].asString(), a[1].asString()));
  }));
  table.add("hello", fixed({}, [](Args) { return goString("Hello!"); }));
  table.add("plural", fixed({kString, kString, kInt}, [](Args a) { return a[2].asInt() == 1 ? a[0] : a[1]; }));
}

void registerQuotingAndJoining(FunctionTable& table) {
  table.add("quote", variadic({}, kAny, [](Args a) {
    return goString(joinNonNil(a, [](const Value& v) { return quoteGo(castToString(v)); }));
  }));
  table.add("squote", variadic({}, kAny, [](Args a) {
    return goString(joinNonNil(a, [](const Value& v) { return "'" + formatValue(v) + "'"; }));
  }));
  table.add("cat", variadic({}, kAny, [](Args a) { return goString(joinNonNil(a, formatValue)); }));
  table.add("split", fixed({kString, kString}, [](Args a) { return splitToMap(goSplitN(a[1].asString(), a[0].asString(), -1)); }));
  table.add("splitn", fixed({kString, kInt, kString}, [](Args a) {
    return splitToMap(goSplitN(a[2].asString(), a[0].asString(), a[1].asInt()));
  }));
  table.add("splitList", fixed({kString, kString}, [](Args a) {
    return goStringList(goSplitN(a[1].asString(), a[0].asString(), -1));
  }));
  table.add("join", fixed({kString, kAny}, [](Args a) { return goString(joinStrings(castToStrings(a[1]), a[0].asString())); }));
  table.add("sortAlpha", fixed({kAny}, [](Args a) { return goStringList(sortAlpha(a[0])); }));
}

}  // namespace

void registerStringFunctions(FunctionTable& table) {
  registerCaseAndWhitespace(table);
  registerSlicingAndLayout(table);
  registerSearchAndReplace(table);
  registerQuotingAndJoining(table);
}

}  // namespace ho::tmpl
