// Strategic merge patch over JSON objects, with the merge keys Kubernetes'
// Go types declare in their patchMergeKey tags.
#include "kube/server/strategic_merge.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "core/error.h"

namespace ho::kube {
namespace {

using nlohmann::json;

const std::string kSetElementOrder = "$setElementOrder/";
const std::string kDeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

bool anyElementHas(const json& list, const char* field) {
  return std::any_of(list.begin(), list.end(),
                     [&](const json& element) { return element.is_object() && element.contains(field); });
}

// The patchMergeKey of a list field, judged by its name (and, for ports,
// by which key its elements carry: containerPort for containers, port for
// Services).
std::optional<std::string> mergeKeyFor(const std::string& field, const json& patchList, const json& originalList) {
  static const std::map<std::string, std::string> keys = {
      {"containers", "name"},        {"initContainers", "name"}, {"ephemeralContainers", "name"},
      {"env", "name"},               {"volumes", "name"},        {"volumeMounts", "mountPath"},
      {"volumeDevices", "devicePath"}, {"imagePullSecrets", "name"}, {"hostAliases", "ip"},
      {"conditions", "type"},        {"ownerReferences", "uid"}, {"topologySpreadConstraints", "topologyKey"},
      {"resourceClaims", "name"},
  };
  if (field == "ports") {
    if (anyElementHas(patchList, "containerPort") || anyElementHas(originalList, "containerPort")) {
      return "containerPort";
    }
    return "port";
  }
  const auto found = keys.find(field);
  if (found == keys.end()) return std::nullopt;
  return found->second;
}

bool isPrimitiveMergeList(const std::string& field) { return field == "finalizers"; }

json mergeObjects(const json& original, const json& patch);

json mergeKeyedLists(const json& original, const json& patch, const std::string& mergeKey) {
  json result = original.is_array() ? original : json::array();
  for (const json& element : patch) {
    if (!element.is_object()) throw Failure("strategic merge patch: list element is not an object");
    if (element.contains("$patch") && element["$patch"] == "replace") {
      json replaced = json::array();
      for (const json& other : patch) {
        if (!other.contains("$patch")) replaced.push_back(other);
      }
      return replaced;
    }
    if (!element.contains(mergeKey)) throw Failure("strategic merge patch: list element has no \"" + mergeKey + "\"");
    const json& key = element[mergeKey];
    auto existing = std::find_if(result.begin(), result.end(), [&](const json& candidate) {
      return candidate.is_object() && candidate.contains(mergeKey) && candidate[mergeKey] == key;
    });
    if (element.contains("$patch") && element["$patch"] == "delete") {
      if (existing != result.end()) result.erase(existing);
    } else if (existing != result.end()) {
      *existing = mergeObjects(*existing, element);
    } else {
      json added = element;
      added.erase("$patch");
      result.push_back(added);
    }
  }
  return result;
}

// Orders a merged list as $setElementOrder lists it; unlisted elements follow.
json applyElementOrder(const json& list, const json& order, const std::optional<std::string>& mergeKey) {
  const auto rank = [&](const json& element) {
    for (size_t i = 0; i < order.size(); ++i) {
      const json& wanted = order[i];
      if (mergeKey ? (element.is_object() && wanted.is_object() && element.contains(*mergeKey) &&
                      wanted.contains(*mergeKey) && element[*mergeKey] == wanted[*mergeKey])
                   : element == wanted) {
        return i;
      }
    }
    return order.size();
  };
  std::vector<json> elements(list.begin(), list.end());
  std::stable_sort(elements.begin(), elements.end(),
                   [&](const json& a, const json& b) { return rank(a) < rank(b); });
  return json(elements);
}

json mergeLists(const std::string& field, const json& original, const json& patch) {
  if (const auto mergeKey = mergeKeyFor(field, patch, original)) return mergeKeyedLists(original, patch, *mergeKey);
  if (isPrimitiveMergeList(field)) {
    json result = original.is_array() ? original : json::array();
    for (const json& value : patch) {
      if (std::find(result.begin(), result.end(), value) == result.end()) result.push_back(value);
    }
    return result;
  }
  return patch;
}

json mergeObjects(const json& original, const json& patch) {
  if (!patch.is_object()) return patch;
  if (patch.contains("$patch") && patch["$patch"] == "replace") {
    json replaced = patch;
    replaced.erase("$patch");
    return replaced;
  }
  json result = original.is_object() ? original : json::object();
  std::map<std::string, json> elementOrders;
  for (const auto& [field, value] : patch.items()) {
    if (field == "$patch" || field == "$retainKeys") continue;
    if (field.rfind(kSetElementOrder, 0) == 0) {
      elementOrders[field.substr(kSetElementOrder.size())] = value;
    } else if (field.rfind(kDeleteFromPrimitiveList, 0) == 0) {
      const std::string listField = field.substr(kDeleteFromPrimitiveList.size());
      if (!result.contains(listField) || !result[listField].is_array()) continue;
      json kept = json::array();
      for (const json& element : result[listField]) {
        if (std::find(value.begin(), value.end(), element) == value.end()) kept.push_back(element);
      }
      result[listField] = kept;
    } else if (value.is_null()) {
      result.erase(field);
    } else if (value.is_object() && value.contains("$patch") && value["$patch"] == "delete") {
      result.erase(field);
    } else if (value.is_object()) {
      result[field] = mergeObjects(result.contains(field) ? result[field] : json(), value);
    } else if (value.is_array()) {
      result[field] = mergeLists(field, result.contains(field) ? result[field] : json(), value);
    } else {
      result[field] = value;
    }
  }
  for (const auto& [field, order] : elementOrders) {
    if (result.contains(field) && result[field].is_array()) {
      result[field] = applyElementOrder(result[field], order, mergeKeyFor(field, order, result[field]));
    }
  }
  if (patch.contains("$retainKeys") && patch["$retainKeys"].is_array()) {
    const json& retained = patch["$retainKeys"];
    for (auto it = result.begin(); it != result.end();) {
      if (std::find(retained.begin(), retained.end(), it.key()) == retained.end()) {
        it = result.erase(it);
      } else {
        ++it;
      }
    }
  }
  return result;
}

}  // namespace

json strategicMerge(const json& original, const json& patch) {
  if (!patch.is_object()) throw Failure("strategic merge patch: the patch is not a JSON object");
  return mergeObjects(original, patch);
}

}  // namespace ho::kube
