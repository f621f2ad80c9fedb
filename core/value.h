// The dynamic value model: Go values as Helm templates see them.
//
// A Value is nil, bool, an integer, a float64, a string, a list, a map or a
// native Object (structs with fields and methods such as .Capabilities). Lists
// and maps are shared by reference like Go's slices and maps, so `set` on a dict
// is visible through every copy of the Value. Maps keep keys sorted, which is
// the order Go's templates, fmt, encoding/json and sigs.k8s.io/yaml all use.
// GoType records the static Go type for typeOf/kindOf and error messages.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ho {

class Value;
class Object;

// Map keys in byte order (Go's sort.Strings) with the first bytes compared
// inline: keys of one map mostly differ there, and a memcmp call at every step
// down the tree was 3% of rendering.
struct MapKeyLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    if (!a.empty() && !b.empty() && a.front() != b.front()) {
      return static_cast<unsigned char>(a.front()) < static_cast<unsigned char>(b.front());
    }
    return a < b;
  }
};

using List = std::vector<Value>;
using Map = std::map<std::string, Value, MapKeyLess>;

// Reflect kinds, as Go's reflect.Kind names them (kindOf prints these).
enum class Kind : std::uint8_t { Nil, Bool, Int, Uint, Float, String, List, Map, Object };

// The Go static types a template can meet. Names are printed by typeName().
enum class GoType : std::uint8_t {
  Nil,           // untyped nil interface
  Bool,          // bool
  Int,           // int
  Int32,         // int32 (rune: character constants)
  Int64,         // int64
  Uint8,         // uint8 (byte)
  Uint,          // uint
  Uint32,        // uint32
  Uint64,        // uint64
  Float64,       // float64
  String,        // string
  InterfaceList, // []interface {}
  StringList,    // []string
  IntList,       // []int (sprig until/untilStep)
  Bytes,         // []uint8
  InterfaceMap,  // map[string]interface {}
  StringMap,     // map[string]string (sprig split/splitn)
  MapList,       // []map[string]interface {} (fromToml's arrays of tables)
  Object,        // a native object; its Object::typeName() names it
};

class Value {
 public:
  Value() = default;  // nil
  Value(const Value&) = default;
  Value(Value&&) noexcept = default;
  Value& operator=(const Value&) = default;
  Value& operator=(Value&&) noexcept = default;
  // Lists and maps nested deeper than the native stack can recurse (a template
  // can build them in a loop) are released without overflowing it.
  ~Value() {
    if (ownsContainerAlone()) releaseContainer();
  }
  static Value nil() { return {}; }
  static Value boolean(bool b) { return Value(b); }
  static Value integer(std::int64_t i, GoType t = GoType::Int64);
  static Value unsignedInteger(std::uint64_t u, GoType t = GoType::Uint64);
  static Value floating(double f) { return Value(f); }
  static Value string(std::string s) { return Value(std::move(s)); }
  static Value list(List items = {}, GoType t = GoType::InterfaceList);
  static Value map(Map entries = {}, GoType t = GoType::InterfaceMap);
  static Value object(std::shared_ptr<const Object> obj);

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  GoType goType() const { return type_; }
  // Go's spelling of the type, e.g. "int64", "[]interface {}", "*chart.Metadata".
  std::string typeName() const;
  // Go's reflect.Kind name, e.g. "int64", "slice", "map", "ptr", "invalid".
  std::string kindName() const;

  bool isNil() const { return kind() == Kind::Nil; }
  bool isBool() const { return kind() == Kind::Bool; }
  bool isInt() const { return kind() == Kind::Int; }
  bool isUint() const { return kind() == Kind::Uint; }
  bool isFloat() const { return kind() == Kind::Float; }
  bool isNumber() const { return isInt() || isUint() || isFloat(); }
  bool isString() const { return kind() == Kind::String; }
  bool isList() const { return kind() == Kind::List; }
  bool isMap() const { return kind() == Kind::Map; }
  bool isObject() const { return kind() == Kind::Object; }

  bool asBool() const { return std::get<bool>(data_); }
  std::int64_t asInt() const { return std::get<std::int64_t>(data_); }
  std::uint64_t asUint() const { return std::get<std::uint64_t>(data_); }
  double asFloat() const { return std::get<double>(data_); }
  const std::string& asString() const { return std::get<std::string>(data_); }
  const List& asList() const { return *std::get<std::shared_ptr<List>>(data_); }
  List& mutableList() const { return *std::get<std::shared_ptr<List>>(data_); }
  const Map& asMap() const { return *std::get<std::shared_ptr<Map>>(data_); }
  Map& mutableMap() const { return *std::get<std::shared_ptr<Map>>(data_); }
  const Object& asObject() const { return *std::get<std::shared_ptr<const Object>>(data_); }
  const std::shared_ptr<List>& listPtr() const { return std::get<std::shared_ptr<List>>(data_); }
  const std::shared_ptr<Map>& mapPtr() const { return std::get<std::shared_ptr<Map>>(data_); }
  const std::shared_ptr<const Object>& objectPtr() const {
    return std::get<std::shared_ptr<const Object>>(data_);
  }

  // Go template truthiness: false, 0, nil, and empty strings/lists/maps are false.
  bool truthy() const;
  // Map lookup; nullptr when not a map or no such key.
  const Value* find(std::string_view key) const;
  // The same shared list/map/object (not merely equal contents).
  bool sameReference(const Value& other) const;

  // A map- or slice-kinded Object's contents (Object::contents), else this value itself.
  Value withContents() const;

  // A recursive copy: fresh lists and maps all the way down (sprig's deepCopy).
  // Throws Failure when the value is nested deeper than the native stack allows.
  Value deepCopy() const;

 private:
  void releaseContainer() noexcept;
  // Whether this is a list or map whose last reference this Value holds: only
  // then does its release cascade into the elements (a shared one just drops
  // a count).
  bool ownsContainerAlone() const noexcept {
    if (const auto* list = std::get_if<std::shared_ptr<List>>(&data_)) return list->use_count() == 1;
    if (const auto* map = std::get_if<std::shared_ptr<Map>>(&data_)) return map->use_count() == 1;
    return false;
  }
  explicit Value(bool b) : data_(b), type_(GoType::Bool) {}
  explicit Value(double f) : data_(f), type_(GoType::Float64) {}
  explicit Value(std::string s) : data_(std::move(s)), type_(GoType::String) {}

  std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, std::string,
               std::shared_ptr<List>, std::shared_ptr<Map>, std::shared_ptr<const Object>>
      data_;
  GoType type_ = GoType::Nil;
};

// Native struct-like values (.Release is a map, but .Chart, .Capabilities,
// .Files, semver versions and times are objects): named fields, methods that
// take arguments, and the text fmt prints for them.
class Object {
 public:
  virtual ~Object() = default;
  // Go's spelling of the type, e.g. "*chart.Metadata", "chartutil.Files".
  virtual std::string typeName() const = 0;
  // Go's reflect kind name: "ptr", "struct", "map", "slice".
  virtual std::string kindName() const { return "ptr"; }
  // A field or a method without arguments; nullopt when there is no such member.
  virtual std::optional<Value> field(std::string_view name) const = 0;
  // Whether `name` is a method (callable with arguments).
  virtual bool hasMethod(std::string_view /*name*/) const { return false; }
  // Calls a method; throws ho::Failure with Go's wording on bad arguments.
  virtual Value callMethod(std::string_view name, std::span<const Value> args) const;
  // What fmt's %v prints (a String() method's result when the Go type has one).
  virtual std::string format() const = 0;
  // Truthiness: a non-nil pointer or a non-empty container.
  virtual bool truthy() const { return true; }
  // The value toJson/toYaml see (Go marshals structs by their JSON tags).
  virtual Value toData() const { return Value::nil(); }
  // For objects whose Go kind is map or slice (.Files, .Capabilities.APIVersions):
  // their entries or items, which range, index and len see; nullopt for others.
  virtual std::optional<Value> contents() const { return std::nullopt; }
  // For map-kind objects: the keys of contents() in order, without building the
  // entries (range uses them when its body never looks at an element).
  virtual std::optional<std::vector<std::string>> keys() const { return std::nullopt; }
};

}  // namespace ho
