// Drift detection: the field-level comparison of manifest and live objects.
#include "controller/reconciler/drift_detection.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "controller/reconciler/resource_quantity.h"
#include "kube/client/base64_codec.h"

namespace ho::controller {
namespace {

using nlohmann::json;

// A JSON pointer reference token: "~" as "~0", "/" as "~1".
std::string escapePointerToken(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (const char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::optional<long double> numberValue(const json& value) {
  if (value.is_number_unsigned()) return static_cast<long double>(value.get<std::uint64_t>());
  if (value.is_number_integer()) return static_cast<long double>(value.get<std::int64_t>());
  if (value.is_number_float()) return static_cast<long double>(value.get<double>());
  return std::nullopt;
}

// Whether a string field `key` inside `parentKey` holds a resource quantity,
// which the server rewrites in canonical form ("0.5" becomes "500m").
bool isQuantityField(std::string_view key, std::string_view parentKey) {
  static constexpr std::array<std::string_view, 11> kQuantityMaps = {
      "limits", "requests", "hard", "capacity", "allocatable", "overhead",
      "max",    "min",      "default", "defaultRequest", "maxLimitRequestRatio"};
  return key == "sizeLimit" || std::find(kQuantityMaps.begin(), kQuantityMaps.end(), parentKey) != kQuantityMaps.end();
}

// Scalars as the server keeps them: numbers by value, a number and the
// quantity string it became by value, quantity strings by value.
bool sameScalar(const json& want, const json& live, bool quantityField) {
  if (want == live) return true;
  const std::optional<long double> wantNumber = numberValue(want);
  const std::optional<long double> liveNumber = numberValue(live);
  if (wantNumber && liveNumber) return *wantNumber == *liveNumber;
  if (wantNumber && live.is_string()) return sameQuantity(want.dump(), live.get<std::string>());
  if (liveNumber && want.is_string()) return sameQuantity(want.get<std::string>(), live.dump());
  if (quantityField && want.is_string() && live.is_string()) {
    return sameQuantity(want.get<std::string>(), live.get<std::string>());
  }
  return false;
}

// What the server drops from a field left at its zero value (Go's omitempty).
bool isZeroValue(const json& value) {
  if (value.is_null()) return true;
  if (value.is_boolean()) return !value.get<bool>();
  if (value.is_string() || value.is_object() || value.is_array()) return value.empty();
  if (const std::optional<long double> number = numberValue(value)) return *number == 0;
  return false;
}

// An empty string field of an API struct is unset: the server may default it
// (`imagePullPolicy: ""` becomes "IfNotPresent"). In the string maps of
// ConfigMaps, Secrets and metadata an empty string is a value like any other.
bool isUnsetString(const json& value, std::string_view parentKey) {
  static constexpr std::array<std::string_view, 4> kStringMaps = {"data", "binaryData", "labels", "annotations"};
  return value.is_string() && value.get_ref<const std::string&>().empty() &&
         std::find(kStringMaps.begin(), kStringMaps.end(), parentKey) == kStringMaps.end();
}

class FieldComparer {
 public:
  explicit FieldComparer(const std::vector<std::string>& ignored) : ignored_(ignored) {}

  std::vector<FieldDrift> take() { return std::move(drift_); }

  // Member `key` of the manifest object whose live counterpart is `liveParent`, at `parentPointer`.
  void compareMember(const std::string& key, const json& want, const json& liveParent,
                     const std::string& parentPointer, std::string_view parentKey) {
    if (want.is_null() || isUnsetString(want, parentKey)) return;
    const std::string pointer = parentPointer + "/" + escapePointerToken(key);
    if (isIgnored(pointer)) return;
    const auto found = liveParent.find(key);
    if (found == liveParent.end() || found->is_null()) {
      if (!isZeroValue(want)) report(pointer, FieldDrift::Change::MissingLive);
      return;
    }
    compare(want, *found, pointer, key, parentKey);
  }

  // A Secret's stringData: each key against the decoded data of the live Secret.
  void compareStringData(const json& want, const json& live) {
    if (!want.is_object()) return;
    const json* liveData = live.contains("data") && live["data"].is_object() ? &live["data"] : nullptr;
    for (const auto& [key, text] : want.items()) {
      const std::string pointer = "/stringData/" + escapePointerToken(key);
      if (!text.is_string() || isIgnored(pointer)) continue;
      std::optional<std::string> decoded;
      if (liveData && liveData->contains(key) && (*liveData)[key].is_string()) {
        decoded = kube::client::base64Decode((*liveData)[key].get<std::string>());
      }
      if (!decoded) {
        report(pointer, FieldDrift::Change::MissingLive);
      } else if (*decoded != text.get<std::string>()) {
        report(pointer, FieldDrift::Change::Differs);
      }
    }
  }

 private:
  void compare(const json& want, const json& live, const std::string& pointer, std::string_view key,
               std::string_view parentKey) {
    if (want.is_object()) {
      if (!live.is_object()) return report(pointer, FieldDrift::Change::Differs);
      for (const auto& [member, value] : want.items()) compareMember(member, value, live, pointer, key);
      return;
    }
    if (want.is_array()) {
      if (!live.is_array()) return report(pointer, FieldDrift::Change::Differs);
      compareItems(want, live, pointer, key, parentKey);
      return;
    }
    if (!sameScalar(want, live, isQuantityField(key, parentKey))) report(pointer, FieldDrift::Change::Differs);
  }

  // Lists item by item, in the manifest's order; items beyond the shorter list are missing or extra.
  void compareItems(const json& want, const json& live, const std::string& pointer, std::string_view key,
                    std::string_view parentKey) {
    const std::size_t count = std::max(want.size(), live.size());
    for (std::size_t index = 0; index < count; ++index) {
      const std::string itemPointer = pointer + "/" + std::to_string(index);
      if (isIgnored(itemPointer)) continue;
      if (index >= live.size()) {
        report(itemPointer, FieldDrift::Change::MissingLive);
      } else if (index >= want.size()) {
        report(itemPointer, FieldDrift::Change::ExtraLive);
      } else if (!want[index].is_null()) {
        compare(want[index], live[index], itemPointer, key, parentKey);
      }
    }
  }

  bool isIgnored(const std::string& pointer) const {
    return std::find(ignored_.begin(), ignored_.end(), pointer) != ignored_.end();
  }

  void report(const std::string& pointer, FieldDrift::Change change) { drift_.push_back({pointer, change}); }

  const std::vector<std::string>& ignored_;
  std::vector<FieldDrift> drift_;
};

}  // namespace

std::string ObjectDrift::name() const {
  return object.type.kind + "/" + (object.namespace_.empty() ? "" : object.namespace_ + "/") + object.name;
}

std::vector<FieldDrift> compareObject(const json& manifest, const json& live, const std::vector<std::string>& ignored) {
  if (!manifest.is_object()) return {};
  FieldComparer comparer(ignored);
  const bool secret = manifest.value("apiVersion", "") == "v1" && manifest.value("kind", "") == "Secret";
  for (const auto& [key, value] : manifest.items()) {
    if (key == "status") continue;  // written by controllers, not by the chart
    if (secret && key == "stringData") {
      comparer.compareStringData(value, live);
    } else {
      comparer.compareMember(key, value, live, "", "");
    }
  }
  return comparer.take();
}

Result<DriftIgnoreRules> DriftIgnoreRules::compile(const std::vector<DriftIgnoreRule>& rules) {
  DriftIgnoreRules compiled;
  for (std::size_t index = 0; index < rules.size(); ++index) {
    Rule rule{&rules[index].paths, std::nullopt};
    if (rules[index].target) {
      auto matcher = PatchTargetMatcher::compile(*rules[index].target,
                                                 "spec.driftDetection.ignore[" + std::to_string(index) + "]");
      if (!matcher) return matcher.error();
      rule.target = std::move(matcher).value();
    }
    compiled.rules_.push_back(std::move(rule));
  }
  return compiled;
}

std::vector<std::string> DriftIgnoreRules::pointersFor(const ManifestObject& object,
                                                       const std::string& releaseNamespace) const {
  std::vector<std::string> pointers;
  for (const Rule& rule : rules_) {
    if (rule.target && !rule.target->matches(object.object, releaseNamespace)) continue;
    pointers.insert(pointers.end(), rule.paths->begin(), rule.paths->end());
  }
  return pointers;
}

Result<std::vector<ObjectDrift>> detectDrift(ActionContext& context, const Release& deployed,
                                             const DriftIgnoreRules& rules) {
  auto objects = buildObjects(deployed.manifest, deployed.namespace_, *context.mapper);
  if (!objects) return objects.error();
  std::vector<ObjectDrift> drift;
  for (ManifestObject& object : *objects) {
    auto live = context.client->get(object.path());
    if (!live) {
      if (!live.error().isNotFound()) return Error{"reading " + object.describe() + ": " + live.error().message};
      drift.push_back({std::move(object), true, {}});
      continue;
    }
    // The server drops a namespace given to a cluster-scoped object.
    if (!object.type.namespaced) object.object["metadata"].erase("namespace");
    std::vector<FieldDrift> fields = compareObject(object.object, *live, rules.pointersFor(object, deployed.namespace_));
    if (!fields.empty()) drift.push_back({std::move(object), false, std::move(fields)});
  }
  return drift;
}

std::vector<std::string> describeDrift(const std::vector<ObjectDrift>& drift) {
  std::vector<std::string> entries;
  for (const ObjectDrift& object : drift) {
    if (object.missing) entries.push_back(object.name() + ": (missing)");
    for (const FieldDrift& field : object.fields) entries.push_back(object.name() + ": " + field.pointer);
  }
  return entries;
}

}  // namespace ho::controller
