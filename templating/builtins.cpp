// Go's text/template builtins over Reflected values. Each body throws
// ho::Failure with the text of the error Go's function returns; the executor
// prefixes "error calling NAME: " and the template position.
#include "templating/builtins.h"

#include <array>
#include <vector>

#include "core/error.h"
#include "templating/go_complex.h"
#include "templating/go_format.h"
#include "templating/text_escapers.h"

namespace ho::tmpl {
namespace {

// Go's indirectInterface: an interface slot yields its dynamic value; a nil one yields "no value".
Reflected indirectInterface(const Reflected& v) {
  if (v.origin != Origin::Interface) return v;
  return v.unwrapped();
}

Reflected boolean(bool b) { return Reflected::of(Value::boolean(b)); }

// ---- comparison ----

enum class BasicKind { Invalid, Bool, Complex, Int, Float, String, Uint };

BasicKind basicKind(const Reflected& v) {
  if (v.isMissing()) return BasicKind::Invalid;
  switch (v.value.kind()) {
    case Kind::Bool: return BasicKind::Bool;
    case Kind::Int: return BasicKind::Int;
    case Kind::Uint: return BasicKind::Uint;
    case Kind::Float: return BasicKind::Float;
    case Kind::String: return BasicKind::String;
    case Kind::Object: return complexOf(v.value) != nullptr ? BasicKind::Complex : BasicKind::Invalid;
    default: return BasicKind::Invalid;
  }
}

const char* const kBadComparisonType = "invalid type for comparison";
const char* const kBadComparison = "incompatible types for comparison";

// reflect.Kind of a value for canCompare: "invalid" when missing.
std::string reflectKind(const Reflected& v) { return v.isMissing() ? "invalid" : v.value.kindName(); }

std::string formatVerb(const char* verb, const Value& v) { return sprintf(verb, std::span<const Value>(&v, 1)); }

// eq's rule for values without a basic kind: nil equals nil; maps and slices are not comparable.
bool equalNonBasic(const Reflected& a, const Reflected& b) {
  std::string ka = reflectKind(a), kb = reflectKind(b);
  if (ka != kb && ka != "invalid" && kb != "invalid") {
    throw Failure("non-comparable types " + formatVerb("%s", a.value) + ": " + a.value.typeName() + ", " +
                  b.value.typeName() + ": " + formatVerb("%v", b.value));
  }
  if (a.isMissing() || b.isMissing()) return a.isMissing() == b.isMissing();
  if (b.value.isList() || b.value.isMap()) {
    throw Failure("non-comparable type " + formatVerb("%s", b.value) + ": " + b.value.typeName());
  }
  return a.value.sameReference(b.value);
}

bool equalPair(const Reflected& a, BasicKind ka, const Reflected& b) {
  BasicKind kb = basicKind(b);
  if (ka != kb) {
    if (ka == BasicKind::Int && kb == BasicKind::Uint) {
      return a.value.asInt() >= 0 && static_cast<std::uint64_t>(a.value.asInt()) == b.value.asUint();
    }
    if (ka == BasicKind::Uint && kb == BasicKind::Int) {
      return b.value.asInt() >= 0 && a.value.asUint() == static_cast<std::uint64_t>(b.value.asInt());
    }
    if (!a.isMissing() && !b.isMissing()) throw Failure(kBadComparison);
    return false;
  }
  switch (ka) {
    case BasicKind::Bool: return a.value.asBool() == b.value.asBool();
    case BasicKind::Complex: return *complexOf(a.value) == *complexOf(b.value);
    case BasicKind::Int: return a.value.asInt() == b.value.asInt();
    case BasicKind::Uint: return a.value.asUint() == b.value.asUint();
    case BasicKind::Float: return a.value.asFloat() == b.value.asFloat();
    case BasicKind::String: return a.value.asString() == b.value.asString();
    case BasicKind::Invalid: return equalNonBasic(a, b);
  }
  return false;
}

bool equal(std::span<const Reflected> args) {
  Reflected first = indirectInterface(args[0]);
  if (args.size() < 2) throw Failure("missing argument for comparison");
  BasicKind k1 = basicKind(first);
  for (const Reflected& arg : args.subspan(1)) {
    if (equalPair(first, k1, indirectInterface(arg))) return true;
  }
  return false;
}

bool lessThan(const Reflected& rawA, const Reflected& rawB) {
  Reflected a = indirectInterface(rawA);
  BasicKind ka = basicKind(a);
  if (ka == BasicKind::Invalid) throw Failure(kBadComparisonType);
  Reflected b = indirectInterface(rawB);
  BasicKind kb = basicKind(b);
  if (kb == BasicKind::Invalid) throw Failure(kBadComparisonType);
  if (ka != kb) {
    if (ka == BasicKind::Int && kb == BasicKind::Uint) {
      return a.value.asInt() < 0 || static_cast<std::uint64_t>(a.value.asInt()) < b.value.asUint();
    }
    if (ka == BasicKind::Uint && kb == BasicKind::Int) {
      return b.value.asInt() >= 0 && a.value.asUint() < static_cast<std::uint64_t>(b.value.asInt());
    }
    throw Failure(kBadComparison);
  }
  switch (ka) {
    case BasicKind::Int: return a.value.asInt() < b.value.asInt();
    case BasicKind::Uint: return a.value.asUint() < b.value.asUint();
    case BasicKind::Float: return a.value.asFloat() < b.value.asFloat();
    case BasicKind::String: return a.value.asString() < b.value.asString();
    default: throw Failure(kBadComparisonType);
  }
}

bool lessOrEqual(std::span<const Reflected> args) {
  return lessThan(args[0], args[1]) || equal(args);
}

Reflected eqImpl(std::span<const Reflected> args) { return boolean(equal(args)); }
Reflected neImpl(std::span<const Reflected> args) { return boolean(!equal(args)); }
Reflected ltImpl(std::span<const Reflected> args) { return boolean(lessThan(args[0], args[1])); }
Reflected leImpl(std::span<const Reflected> args) { return boolean(lessOrEqual(args)); }
Reflected gtImpl(std::span<const Reflected> args) { return boolean(!lessOrEqual(args)); }
Reflected geImpl(std::span<const Reflected> args) { return boolean(!lessThan(args[0], args[1])); }

// ---- logic and size ----

Reflected notImpl(std::span<const Reflected> args) { return boolean(!isTrue(args[0])); }

Reflected lenImpl(std::span<const Reflected> args) {
  const Reflected& item = args[0];
  if (item.isNilInterface()) throw Failure("len of nil pointer");
  if (item.isMissing()) throw Failure("reflect: call of reflect.Value.Type on zero Value");
  const Value v = item.value.withContents();
  std::size_t size = 0;
  if (v.isString()) {
    size = v.asString().size();
  } else if (v.isList()) {
    size = v.asList().size();
  } else if (v.isMap()) {
    size = v.asMap().size();
  } else {
    throw Failure("len of type " + v.typeName());
  }
  return Reflected::of(Value::integer(static_cast<std::int64_t>(size), GoType::Int));
}

// ---- indexing and slicing ----

// Go's indexArg: an integer index no greater than `cap`.
std::int64_t indexArg(const Reflected& rawIndex, std::size_t cap) {
  Reflected index = indirectInterface(rawIndex);
  std::int64_t x = 0;
  if (index.isMissing()) throw Failure("cannot index slice/array with nil");
  if (index.value.isInt()) {
    x = index.value.asInt();
  } else if (index.value.isUint()) {
    x = static_cast<std::int64_t>(index.value.asUint());
  } else {
    throw Failure("cannot index slice/array with type " + index.value.typeName());
  }
  if (x < 0 || static_cast<std::uint64_t>(x) > cap) throw Failure("index out of range: " + std::to_string(x));
  return x;
}

// The element type of a list: interface{} slots, or concrete for typed lists.
Reflected listElement(const Value& list, std::size_t i) {
  const Value& element = list.asList()[i];
  return list.goType() == GoType::InterfaceList ? Reflected::inInterface(element) : Reflected::of(element);
}

Reflected indexImpl(std::span<const Reflected> args) {
  Reflected item = indirectInterface(args[0]);
  if (item.isMissing()) throw Failure("index of untyped nil");
  for (const Reflected& rawIndex : args.subspan(1)) {
    if (item.isNilInterface()) throw Failure("index of nil pointer");
    item = indirectInterface(item);
    const Value v = item.value.withContents();
    if (v.isString() || v.isList()) {
      std::size_t size = v.isString() ? v.asString().size() : v.asList().size();
      auto x = static_cast<std::size_t>(indexArg(rawIndex, size));
      if (x == size) throw Failure("index out of range: " + std::to_string(x));
      item = v.isString() ? Reflected::of(Value::unsignedInteger(static_cast<unsigned char>(v.asString()[x]), GoType::Uint8))
                          : listElement(v, x);
    } else if (v.isMap()) {
      Reflected key = indirectInterface(rawIndex);
      if (key.isMissing()) throw Failure("value is nil; should be of type string");
      if (!key.value.isString()) throw Failure("value has type " + key.value.typeName() + "; should be string");
      const Value* found = v.find(key.value.asString());
      item = Reflected::inInterface(found ? *found : Value());
    } else {
      throw Failure("can't index item of type " + v.typeName());
    }
  }
  return item;
}

Reflected sliceImpl(std::span<const Reflected> args) {
  Reflected item = indirectInterface(args[0]);
  if (item.isMissing()) throw Failure("slice of untyped nil");
  auto indexes = args.subspan(1);
  if (indexes.size() > 3) throw Failure("too many slice indexes: " + std::to_string(indexes.size()));
  const Value& v = item.value;
  std::size_t size = 0;
  if (v.isString()) {
    if (indexes.size() == 3) throw Failure("cannot 3-index slice a string");
    size = v.asString().size();
  } else if (v.isList()) {
    size = v.asList().size();
  } else {
    throw Failure("can't slice item of type " + v.typeName());
  }
  std::array<std::int64_t, 3> idx{0, static_cast<std::int64_t>(size), 0};
  for (std::size_t i = 0; i < indexes.size(); ++i) idx[i] = indexArg(indexes[i], size);
  if (idx[0] > idx[1]) throw Failure("invalid slice index: " + std::to_string(idx[0]) + " > " + std::to_string(idx[1]));
  if (indexes.size() == 3 && idx[1] > idx[2]) {
    throw Failure("invalid slice index: " + std::to_string(idx[1]) + " > " + std::to_string(idx[2]));
  }
  auto from = static_cast<std::size_t>(idx[0]), to = static_cast<std::size_t>(idx[1]);
  if (v.isString()) return Reflected::of(Value::string(v.asString().substr(from, to - from)));
  const List& items = v.asList();
  return Reflected::of(Value::list(List(items.begin() + static_cast<std::ptrdiff_t>(from),
                                        items.begin() + static_cast<std::ptrdiff_t>(to)), v.goType()));
}

// ---- printing ----

std::vector<Value> plainValues(std::span<const Reflected> args) {
  std::vector<Value> values;
  values.reserve(args.size());
  for (const Reflected& arg : args) values.push_back(arg.value);
  return values;
}

Reflected printImpl(std::span<const Reflected> args) { return Reflected::of(Value::string(sprint(plainValues(args)))); }
Reflected printlnImpl(std::span<const Reflected> args) { return Reflected::of(Value::string(sprintln(plainValues(args)))); }
Reflected printfImpl(std::span<const Reflected> args) {
  std::vector<Value> rest = plainValues(args.subspan(1));
  return Reflected::of(Value::string(sprintf(args[0].value.asString(), rest)));
}

// Go's evalArgs: one string argument as is, otherwise fmt.Sprint with nil shown as "<no value>".
std::string textOfArgs(std::span<const Reflected> args) {
  if (args.size() == 1 && args[0].value.isString()) return args[0].value.asString();
  std::vector<Value> values;
  values.reserve(args.size());
  for (const Reflected& arg : args) values.push_back(arg.value.isNil() ? Value::string("<no value>") : arg.value);
  return sprint(values);
}

Reflected htmlImpl(std::span<const Reflected> args) { return Reflected::of(Value::string(htmlEscape(textOfArgs(args)))); }
Reflected jsImpl(std::span<const Reflected> args) { return Reflected::of(Value::string(jsEscape(textOfArgs(args)))); }
Reflected urlqueryImpl(std::span<const Reflected> args) {
  return Reflected::of(Value::string(urlQueryEscape(textOfArgs(args))));
}

// call: templates have no function values, so only Go's two refusals remain.
// args[0] is the callee's source text, injected by the executor as Go does.
Reflected callImpl(std::span<const Reflected> args) {
  Reflected fn = indirectInterface(args[1]);
  if (fn.isMissing()) throw Failure("call of nil");
  throw Failure("non-function " + args[0].value.asString() + " of type " + fn.value.typeName());
}

const std::array<Builtin, 19> kBuiltins{{
    {"and", 1, true, BuiltinArgs::Reflect, nullptr},
    {"call", 1, true, BuiltinArgs::Reflect, callImpl},
    {"html", 0, true, BuiltinArgs::Interface, htmlImpl},
    {"index", 1, true, BuiltinArgs::Reflect, indexImpl},
    {"slice", 1, true, BuiltinArgs::Reflect, sliceImpl},
    {"js", 0, true, BuiltinArgs::Interface, jsImpl},
    {"len", 1, false, BuiltinArgs::Reflect, lenImpl},
    {"not", 1, false, BuiltinArgs::Reflect, notImpl},
    {"or", 1, true, BuiltinArgs::Reflect, nullptr},
    {"print", 0, true, BuiltinArgs::Interface, printImpl},
    {"printf", 1, true, BuiltinArgs::FormatFirst, printfImpl},
    {"println", 0, true, BuiltinArgs::Interface, printlnImpl},
    {"urlquery", 0, true, BuiltinArgs::Interface, urlqueryImpl},
    {"eq", 1, true, BuiltinArgs::Reflect, eqImpl},
    {"ge", 2, false, BuiltinArgs::Reflect, geImpl},
    {"gt", 2, false, BuiltinArgs::Reflect, gtImpl},
    {"le", 2, false, BuiltinArgs::Reflect, leImpl},
    {"lt", 2, false, BuiltinArgs::Reflect, ltImpl},
    {"ne", 2, false, BuiltinArgs::Reflect, neImpl},
}};

}  // namespace

int findBuiltin(std::string_view name) {
  for (std::size_t i = 0; i < kBuiltins.size(); ++i) {
    if (kBuiltins[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

const Builtin& builtinAt(int index) { return kBuiltins[static_cast<std::size_t>(index)]; }

bool isTrue(const Reflected& v) { return !v.isMissing() && v.value.truthy(); }

}  // namespace ho::tmpl
