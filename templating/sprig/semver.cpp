// semver and semverCompare (sprig v3.3 semver.go) and the version object.
#include "templating/sprig/semver.h"

namespace ho::tmpl {

namespace {

using Args = std::span<const Value>;

class VersionObject final : public Object {
 public:
  explicit VersionObject(SemVersion version) : version_(std::move(version)) {}

  std::string typeName() const override { return "*semver.Version"; }

  std::optional<Value> field(std::string_view name) const override {
    if (name == "Major") return Value::unsignedInteger(version_.major);
    if (name == "Minor") return Value::unsignedInteger(version_.minor);
    if (name == "Patch") return Value::unsignedInteger(version_.patch);
    if (name == "Prerelease") return Value::string(version_.prerelease);
    if (name == "Metadata") return Value::string(version_.metadata);
    if (name == "Original") return Value::string(version_.original);
    if (name == "String") return Value::string(version_.toString());
    return std::nullopt;
  }

  bool hasMethod(std::string_view name) const override { return comparison(name) != nullptr; }

  Value callMethod(std::string_view name, std::span<const Value> args) const override {
    auto compare = comparison(name);
    if (compare == nullptr) return Object::callMethod(name, args);
    const auto* other = args.size() == 1 && args[0].isObject()
                            ? dynamic_cast<const VersionObject*>(&args[0].asObject())
                            : nullptr;
    if (other == nullptr) {
      throw Failure("wrong number or type of args for " + std::string(name) + ": want *semver.Version");
    }
    return compare(compareSemVersions(version_, other->version_));
  }

  std::string format() const override { return version_.toString(); }
  Value toData() const override { return Value::string(version_.toString()); }

 private:
  using Comparison = Value (*)(int);
  static Comparison comparison(std::string_view name) {
    if (name == "Compare") return [](int d) { return Value::integer(d, GoType::Int); };
    if (name == "LessThan") return [](int d) { return Value::boolean(d < 0); };
    if (name == "LessThanEqual") return [](int d) { return Value::boolean(d <= 0); };
    if (name == "GreaterThan") return [](int d) { return Value::boolean(d > 0); };
    if (name == "GreaterThanEqual") return [](int d) { return Value::boolean(d >= 0); };
    if (name == "Equal") return [](int d) { return Value::boolean(d == 0); };
    return nullptr;
  }

  SemVersion version_;
};

template <class T>
T valueOrFail(Result<T> result) {
  if (!result) throw Failure(result.error().message);
  return std::move(result.value());
}

}  // namespace

Value semverObject(SemVersion version) {
  return Value::object(std::make_shared<VersionObject>(std::move(version)));
}

void registerSemverFunctions(FunctionTable& table) {
  table.add("semver", {{ParamType::String}, std::nullopt, [](CallContext&, Args a) {
                         return semverObject(valueOrFail(parseSemVersion(a[0].asString())));
                       }});
  table.add("semverCompare", {{ParamType::String, ParamType::String}, std::nullopt, [](CallContext&, Args a) {
                                const auto constraints = valueOrFail(SemverConstraints::parse(a[0].asString()));
                                const auto version = valueOrFail(parseSemVersion(a[1].asString()));
                                return Value::boolean(constraints.check(version));
                              }});
}

}  // namespace ho::tmpl
