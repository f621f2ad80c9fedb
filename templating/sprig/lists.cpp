// Sprig list functions (sprig v3.3 list.go and numeric.go's until/seq).
#include "templating/sprig/lists.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "core/error.h"
#include "templating/go_cast.h"
#include "templating/sprig/deep_equal.h"
#include "templating/sprig/generation_limits.h"
#include "templating/sprig/slice_arg.h"
#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using sprig::Args;
constexpr auto kAny = ParamType::Any;

Value interfaceList(List items) { return Value::list(std::move(items)); }

bool contains(const List& haystack, const Value& needle) {
  return std::any_of(haystack.begin(), haystack.end(),
                     [&](const Value& item) { return goDeepEqual(needle, item); });
}

// Registers `name` and `mustName` with one body.
void addWithMust(FunctionTable& table, const std::string& name, const FunctionSpec& spec) {
  table.add(name, spec);
  std::string mustName = "must" + name;
  mustName[4] = static_cast<char>(std::toupper(static_cast<unsigned char>(mustName[4])));
  table.add(mustName, spec);
}

Value first(Args a) {
  const List& items = requireSlice(a[0], "Cannot find first on type ");
  return items.empty() ? Value::nil() : items.front();
}

Value last(Args a) {
  const List& items = requireSlice(a[0], "Cannot find last on type ");
  return items.empty() ? Value::nil() : items.back();
}

Value rest(Args a) {
  const List& items = requireSlice(a[0], "Cannot find rest on type ");
  if (items.empty()) return interfaceList({});
  return interfaceList(List(items.begin() + 1, items.end()));
}

Value initial(Args a) {
  const List& items = requireSlice(a[0], "Cannot find initial on type ");
  if (items.empty()) return interfaceList({});
  return interfaceList(List(items.begin(), items.end() - 1));
}

Value push(Args a) {
  List items = requireSlice(a[0], "Cannot push on type ");
  items.push_back(a[1]);
  return interfaceList(std::move(items));
}

Value prepend(Args a) {
  const List& old = requireSlice(a[0], "Cannot prepend on type ");
  List items;
  items.reserve(old.size() + 1);
  items.push_back(a[1]);
  items.insert(items.end(), old.begin(), old.end());
  return interfaceList(std::move(items));
}

Value reverse(Args a) {
  List items = requireSlice(a[0], "Cannot find reverse on type ");
  std::reverse(items.begin(), items.end());
  return interfaceList(std::move(items));
}

Value compact(Args a) {
  List kept;
  for (const Value& item : requireSlice(a[0], "Cannot compact on type ")) {
    if (item.truthy()) kept.push_back(item);
  }
  return interfaceList(std::move(kept));
}

Value uniq(Args a) {
  List kept;
  for (const Value& item : requireSlice(a[0], "Cannot find uniq on type ")) {
    if (!contains(kept, item)) kept.push_back(item);
  }
  return interfaceList(std::move(kept));
}

Value without(Args a) {
  const List omitted(a.begin() + 1, a.end());
  List kept;
  for (const Value& item : requireSlice(a[0], "Cannot find without on type ")) {
    if (!contains(omitted, item)) kept.push_back(item);
  }
  return interfaceList(std::move(kept));
}

Value has(Args a) {
  if (a[1].isNil()) return Value::boolean(false);
  return Value::boolean(contains(requireSlice(a[1], "Cannot find has on type "), a[0]));
}

// slice LIST [START [END]]: Go's list[start:end], keeping the slice's type.
Value slice(Args a) {
  const List& items = requireSlice(a[0], "list should be type of slice or array but ");
  if (items.empty()) return Value::nil();
  const auto length = static_cast<std::int64_t>(items.size());
  std::int64_t start = a.size() > 1 ? castToInt(a[1]) : 0;
  std::int64_t end = a.size() > 2 ? castToInt(a[2]) : length;
  if (start < 0 || end < start || end > length) {
    throw Failure("reflect.Value.Slice: slice index out of bounds");
  }
  return Value::list(List(items.begin() + start, items.begin() + end), a[0].goType());
}

// chunk SIZE LIST: consecutive pieces of SIZE elements, the last one shorter.
Value chunk(Args a) {
  const std::int64_t size = a[0].asInt();
  const List& items = requireSlice(a[1], "Cannot chunk type ");
  if (size <= 0) throw Failure("runtime error: makeslice: len out of range");
  List chunks;
  for (std::size_t begin = 0; begin < items.size(); begin += static_cast<std::size_t>(size)) {
    const std::size_t end = std::min(items.size(), begin + static_cast<std::size_t>(size));
    chunks.push_back(interfaceList(List(items.begin() + static_cast<std::ptrdiff_t>(begin),
                                        items.begin() + static_cast<std::ptrdiff_t>(end))));
  }
  return interfaceList(std::move(chunks));
}

Value concat(Args a) {
  List joined;
  for (const Value& part : a) {
    const List& items = requireSlice(part, "Cannot concat type ", " as list");
    joined.insert(joined.end(), items.begin(), items.end());
  }
  return interfaceList(std::move(joined));
}

// sprig's untilStep: counts from start towards stop (exclusive) by step; a
// step pointing away from stop gives nothing.
std::vector<std::int64_t> countSteps(std::string_view function, std::int64_t start, std::int64_t stop,
                                     std::int64_t step) {
  std::vector<std::int64_t> out;
  if (step != 0 && (stop - start) / step > 0) {
    checkGenerated(function, (stop - start) / step, kMaxGeneratedItems, "items");
  }
  if (stop < start) {
    if (step >= 0) return out;
    for (std::int64_t i = start; i > stop; i += step) out.push_back(i);
    return out;
  }
  if (step <= 0) return out;
  for (std::int64_t i = start; i < stop; i += step) out.push_back(i);
  return out;
}

Value intList(const std::vector<std::int64_t>& numbers) {
  List items;
  items.reserve(numbers.size());
  for (std::int64_t n : numbers) items.push_back(Value::integer(n, GoType::Int));
  return Value::list(std::move(items), GoType::IntList);
}

std::string joinNumbers(const std::vector<std::int64_t>& numbers) {
  std::string out;
  for (std::int64_t n : numbers) {
    if (!out.empty()) out += ' ';
    out += std::to_string(n);
  }
  return out;
}

// seq like GNU seq: seq LAST, seq FIRST LAST, seq FIRST STEP LAST.
Value seq(Args a) {
  std::vector<std::int64_t> p;
  for (const Value& v : a) p.push_back(v.asInt());
  switch (p.size()) {
    case 1: {
      const std::int64_t increment = p[0] < 1 ? -1 : 1;
      return Value::string(joinNumbers(countSteps("seq", 1, p[0] + increment, increment)));
    }
    case 2: {
      const std::int64_t increment = p[1] < p[0] ? -1 : 1;
      return Value::string(joinNumbers(countSteps("seq", p[0], p[1] + increment, increment)));
    }
    case 3: {
      const std::int64_t increment = p[2] < p[0] ? -1 : 1;
      if (p[2] < p[0] && p[1] > 0) return Value::string("");
      return Value::string(joinNumbers(countSteps("seq", p[0], p[2] + increment, p[1])));
    }
    default: return Value::string("");
  }
}

}  // namespace

void registerListFunctions(FunctionTable& table) {
  using sprig::fixed;
  using sprig::variadic;
  auto listOfArgs = [](Args a) { return interfaceList(List(a.begin(), a.end())); };
  table.add("list", variadic({}, kAny, listOfArgs));
  table.add("tuple", variadic({}, kAny, listOfArgs));

  addWithMust(table, "first", fixed({kAny}, first));
  addWithMust(table, "last", fixed({kAny}, last));
  addWithMust(table, "rest", fixed({kAny}, rest));
  addWithMust(table, "initial", fixed({kAny}, initial));
  addWithMust(table, "reverse", fixed({kAny}, reverse));
  addWithMust(table, "uniq", fixed({kAny}, uniq));
  addWithMust(table, "compact", fixed({kAny}, compact));
  addWithMust(table, "append", fixed({kAny, kAny}, push));
  addWithMust(table, "push", fixed({kAny, kAny}, push));
  addWithMust(table, "prepend", fixed({kAny, kAny}, prepend));
  addWithMust(table, "has", fixed({kAny, kAny}, has));
  addWithMust(table, "without", variadic({kAny}, kAny, without));
  addWithMust(table, "slice", variadic({kAny}, kAny, slice));
  addWithMust(table, "chunk", fixed({ParamType::Int, kAny}, chunk));
  table.add("concat", variadic({}, kAny, concat));

  table.add("until", fixed({ParamType::Int}, [](Args a) {
              const std::int64_t count = a[0].asInt();
              return intList(countSteps("until", 0, count, count < 0 ? -1 : 1));
            }));
  table.add("untilStep", fixed({ParamType::Int, ParamType::Int, ParamType::Int}, [](Args a) {
              return intList(countSteps("untilStep", a[0].asInt(), a[1].asInt(), a[2].asInt()));
            }));
  table.add("seq", variadic({}, ParamType::Int, seq));
}

}  // namespace ho::tmpl
