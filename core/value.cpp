// Value construction, Go type names and truthiness.
#include "core/value.h"

#include "core/error.h"
#include "core/stack_guard.h"

namespace ho {

Value Value::integer(std::int64_t i, GoType t) {
  Value v;
  v.data_ = i;
  v.type_ = t;
  return v;
}

Value Value::unsignedInteger(std::uint64_t u, GoType t) {
  Value v;
  v.data_ = u;
  v.type_ = t;
  return v;
}

Value Value::list(List items, GoType t) {
  Value v;
  v.data_ = std::make_shared<List>(std::move(items));
  v.type_ = t;
  return v;
}

Value Value::map(Map entries, GoType t) {
  Value v;
  v.data_ = std::make_shared<Map>(std::move(entries));
  v.type_ = t;
  return v;
}

Value Value::object(std::shared_ptr<const Object> obj) {
  Value v;
  v.data_ = std::move(obj);
  v.type_ = GoType::Object;
  return v;
}

std::string Value::typeName() const {
  switch (type_) {
    case GoType::Nil: return "<nil>";
    case GoType::Bool: return "bool";
    case GoType::Int: return "int";
    case GoType::Int32: return "int32";
    case GoType::Int64: return "int64";
    case GoType::Uint8: return "uint8";
    case GoType::Uint: return "uint";
    case GoType::Uint32: return "uint32";
    case GoType::Uint64: return "uint64";
    case GoType::Float64: return "float64";
    case GoType::String: return "string";
    case GoType::InterfaceList: return "[]interface {}";
    case GoType::StringList: return "[]string";
    case GoType::IntList: return "[]int";
    case GoType::Bytes: return "[]uint8";
    case GoType::InterfaceMap: return "map[string]interface {}";
    case GoType::StringMap: return "map[string]string";
    case GoType::MapList: return "[]map[string]interface {}";
    case GoType::Object: return asObject().typeName();
  }
  return "<nil>";
}

std::string Value::kindName() const {
  switch (kind()) {
    case Kind::Nil: return "invalid";
    case Kind::Bool: return "bool";
    case Kind::Int:
    case Kind::Uint:
    case Kind::Float:
    case Kind::String: return typeName();
    case Kind::List: return "slice";
    case Kind::Map: return "map";
    case Kind::Object: return asObject().kindName();
  }
  return "invalid";
}

bool Value::truthy() const {
  switch (kind()) {
    case Kind::Nil: return false;
    case Kind::Bool: return asBool();
    case Kind::Int: return asInt() != 0;
    case Kind::Uint: return asUint() != 0;
    case Kind::Float: return asFloat() != 0;
    case Kind::String: return !asString().empty();
    case Kind::List: return !asList().empty();
    case Kind::Map: return !asMap().empty();
    case Kind::Object: return asObject().truthy();
  }
  return false;
}

const Value* Value::find(std::string_view key) const {
  if (!isMap()) return nullptr;
  const Map& m = asMap();
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

bool Value::sameReference(const Value& other) const {
  if (kind() != other.kind()) return false;
  switch (kind()) {
    case Kind::List: return listPtr() == other.listPtr();
    case Kind::Map: return mapPtr() == other.mapPtr();
    case Kind::Object: return objectPtr() == other.objectPtr();
    default: return false;
  }
}

Value Value::withContents() const {
  if (!isObject()) return *this;
  auto entries = asObject().contents();
  return entries ? std::move(*entries) : *this;
}

void Value::releaseContainer() noexcept {
  // Releasing a container releases its elements from inside its own release,
  // a few frames per level. Where the stack runs low, nested containers wait
  // in `deferred` and the outermost release in progress frees them in a loop.
  thread_local int releasesInProgress = 0;
  thread_local List deferred;
  if (releasesInProgress > 0 && stackNearlyExhausted()) {
    deferred.push_back(std::move(*this));
    return;
  }
  ++releasesInProgress;
  data_ = std::monostate{};
  if (releasesInProgress == 1) {
    while (!deferred.empty()) {
      Value next = std::move(deferred.back());
      deferred.pop_back();
    }
  }
  --releasesInProgress;
}

Value Value::deepCopy() const {
  if ((isList() || isMap()) && stackNearlyExhausted()) throw Failure("deepCopy: value nested too deeply");
  // The container copied as it is (a map's tree without comparisons or
  // rebalancing), then each list or map in it replaced by its own copy.
  const auto copyNested = [](Value& element) {
    if (element.isList() || element.isMap()) element = element.deepCopy();
  };
  if (isList()) {
    List items(asList());
    for (Value& item : items) copyNested(item);
    return list(std::move(items), type_);
  }
  if (isMap()) {
    Map entries(asMap());
    for (auto& entry : entries) copyNested(entry.second);
    return map(std::move(entries), type_);
  }
  return *this;
}

Value Object::callMethod(std::string_view name, std::span<const Value> /*args*/) const {
  throw Failure("can't call method/function \"" + std::string(name) + "\" on type " + typeName());
}

}  // namespace ho
