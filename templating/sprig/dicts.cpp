// Sprig dict functions (sprig v3.3 dict.go). Maps are shared references, so
// set, unset and merge change the caller's dict as Go's do.
#include "templating/sprig/dicts.h"

#include <set>
#include <string>

#include "core/error.h"
#include "templating/sprig/spec_builders.h"
#include "templating/go_cast.h"
#include "templating/sprig/map_merge.h"

namespace ho::tmpl {

namespace {

using sprig::Args;
constexpr auto kAny = ParamType::Any;
constexpr auto kMap = ParamType::Map;
constexpr auto kString = ParamType::String;

// A map[string]interface{} argument; Go passes a nil map as an empty one.
const Map& mapArg(const Value& v) {
  static const Map kEmpty;
  return v.isMap() ? v.asMap() : kEmpty;
}

Value dict(Args a) {
  Map entries;
  for (std::size_t i = 0; i < a.size(); i += 2) {
    entries[castToString(a[i])] = i + 1 < a.size() ? a[i + 1] : Value::string("");
  }
  return Value::map(std::move(entries));
}

Value get(Args a) {
  const Value* found = a[0].find(a[1].asString());
  return found ? *found : Value::string("");
}

Value set(Args a) {
  if (!a[0].isMap()) throw Failure("assignment to entry in nil map");
  a[0].mutableMap()[a[1].asString()] = a[2];
  return a[0];
}

Value unset(Args a) {
  if (a[0].isMap()) {
    Map& entries = a[0].mutableMap();
    auto it = entries.find(a[1].asString());
    if (it != entries.end()) entries.erase(it);
  }
  return a[0];
}

Value pluck(Args a) {
  List found;
  for (const Value& d : a.subspan(1)) {
    if (const Value* v = d.find(a[0].asString())) found.push_back(*v);
  }
  return Value::list(std::move(found));
}

Value keys(Args a) {
  List names;
  for (const Value& d : a) {
    for (const auto& entry : mapArg(d)) names.push_back(Value::string(entry.first));
  }
  return Value::list(std::move(names), GoType::StringList);
}

Value values(Args a) {
  List found;
  for (const auto& entry : mapArg(a[0])) found.push_back(entry.second);
  return Value::list(std::move(found));
}

Value pick(Args a) {
  Map picked;
  for (const Value& key : a.subspan(1)) {
    if (const Value* v = a[0].find(key.asString())) picked[key.asString()] = *v;
  }
  return Value::map(std::move(picked));
}

Value omit(Args a) {
  std::set<std::string, std::less<>> omitted;
  for (const Value& key : a.subspan(1)) omitted.insert(key.asString());
  Map kept;
  for (const auto& [key, v] : mapArg(a[0])) {
    if (!omitted.contains(key)) kept.emplace(key, v);
  }
  return Value::map(std::move(kept));
}

// Go's failed type assertion v.(T) on an interface{}.
[[noreturn]] void failAssertion(const Value& v, const std::string& wanted) {
  const std::string actual = v.isNil() ? "nil" : v.typeName();
  throw Failure("interface conversion: interface {} is " + actual + ", not " + wanted);
}

// dig KEY... DEFAULT DICT: walks nested maps, DEFAULT when a key is missing.
Value dig(Args a) {
  if (a.size() < 3) throw Failure("dig needs at least three arguments");
  const Value* current = &a.back();
  if (!current->isMap()) failAssertion(*current, "map[string]interface {}");
  const Args path = a.first(a.size() - 2);
  for (const Value& key : path) {
    if (!key.isString()) failAssertion(key, "string");
  }
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (!current->isMap()) failAssertion(*current, "map[string]interface {}");
    current = current->find(path[i].asString());
    if (current == nullptr) return a[a.size() - 2];
  }
  return *current;
}

// A nil destination (a missing value passed as the map) gets a fresh map, as
// mergo makes one for a nil map it can set.
Value mergeAll(Args a, void (*mergeOne)(Map&, const Map&)) {
  Value target = a[0].isMap() ? a[0] : Value::map();
  for (const Value& source : a.subspan(1)) mergeOne(target.mutableMap(), mapArg(source));
  return target;
}

Value deepCopy(Args a) {
  if (a[0].isNil()) throw Failure("reflect: call of reflect.Value.Type on zero Value");
  return a[0].deepCopy();
}

}  // namespace

void registerDictFunctions(FunctionTable& table) {
  table.add("dict", sprig::variadic({}, kAny, dict));
  table.add("get", sprig::fixed({kMap, kString}, get));
  table.add("set", sprig::fixed({kMap, kString, kAny}, set));
  table.add("unset", sprig::fixed({kMap, kString}, unset));
  table.add("hasKey", sprig::fixed({kMap, kString},
                           [](Args a) { return Value::boolean(a[0].find(a[1].asString()) != nullptr); }));
  table.add("pluck", sprig::variadic({kString}, kMap, pluck));
  table.add("dig", sprig::variadic({}, kAny, dig));
  table.add("keys", sprig::variadic({}, kMap, keys));
  table.add("values", sprig::fixed({kMap}, values));
  table.add("pick", sprig::variadic({kMap}, kString, pick));
  table.add("omit", sprig::variadic({kMap}, kString, omit));
  auto merge = [](Args a) { return mergeAll(a, mergeInto); };
  auto mergeOverwrite = [](Args a) { return mergeAll(a, mergeOverwriting); };
  table.add("merge", sprig::variadic({kMap}, kMap, merge));
  table.add("mustMerge", sprig::variadic({kMap}, kMap, merge));
  table.add("mergeOverwrite", sprig::variadic({kMap}, kMap, mergeOverwrite));
  table.add("mustMergeOverwrite", sprig::variadic({kMap}, kMap, mergeOverwrite));
  table.add("deepCopy", sprig::fixed({kAny}, deepCopy));
  table.add("mustDeepCopy", sprig::fixed({kAny}, deepCopy));
}

}  // namespace ho::tmpl
