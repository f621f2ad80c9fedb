// Ordering and matching the elements of merged lists.
#include "kube/patch/list_order.h"

#include <optional>

#include "core/error.h"
#include "kube/patch/directives.h"

namespace ho::kube::patch {

namespace {

using nlohmann::json;

// What elements are compared by: their merge key's value, or themselves.
const json& identityOf(const json& element, const std::string& mergeKey, GoKind elementKind) {
  static const json absent;
  if (elementKind != GoKind::Map) return element;
  if (!element.is_object()) return absent;
  const auto found = element.find(mergeKey);
  return found == element.end() ? absent : *found;
}

int indexIn(const json& list, const json& element, const std::string& mergeKey, GoKind elementKind) {
  const json& wanted = identityOf(element, mergeKey, elementKind);
  for (size_t i = 0; i < list.size(); ++i) {
    if (goDeepEqual(identityOf(list[i], mergeKey, elementKind), wanted)) return static_cast<int>(i);
  }
  return -1;
}

void requireMergeKey(const json& list, const std::string& mergeKey) {
  for (const json& element : list) requireElementMergeKey(element, mergeKey);
}

// mergeSortedSlice: `left` (server-only) and `right` (patch) elements, each
// already in order, interleaved where the live list orders both.
json interleave(const json& left, const json& right, const json& serverOrder, const std::string& mergeKey,
                GoKind elementKind) {
  json merged = json::array();
  size_t i = 0;
  size_t j = 0;
  while (i < left.size() || j < right.size()) {
    if (i >= left.size()) {
      merged.push_back(right[j++]);
    } else if (j >= right.size()) {
      merged.push_back(left[i++]);
    } else {
      const int leftIndex = indexIn(serverOrder, left[i], mergeKey, elementKind);
      const int rightIndex = indexIn(serverOrder, right[j], mergeKey, elementKind);
      if (leftIndex >= 0 && rightIndex >= 0 && leftIndex < rightIndex) {
        merged.push_back(left[i++]);
      } else {
        merged.push_back(right[j++]);
      }
    }
  }
  return merged;
}

}  // namespace

GoKind sliceElementKind(const std::vector<const json*>& lists) {
  std::optional<GoKind> kind;
  for (const json* list : lists) {
    for (const json& element : *list) {
      const GoKind elementKind = goKind(element);
      if (!kind) {
        if (elementKind == GoKind::List) throw Failure("lists of lists are not supported");
        kind = elementKind;
      } else if (*kind != elementKind) {
        throw Failure("list element types are not identical");
      }
    }
  }
  if (!kind) throw Failure("no elements in any of the given slices");
  return *kind;
}

json normalizeSliceOrder(json toSort, const json& order, const std::string& mergeKey, GoKind elementKind) {
  json deletions = json::array();
  if (elementKind == GoKind::Map) {
    requireMergeKey(toSort, mergeKey);
    requireMergeKey(order, mergeKey);
    json kept = json::array();
    for (json& element : toSort) {
      const auto directive = element.find(kPatchDirective);
      (directive != element.end() && *directive == "delete" ? deletions : kept).push_back(std::move(element));
    }
    toSort = std::move(kept);
  }
  // sort.SliceStable's insertion sort, with its "less" that holds whenever
  // either element is missing from `order`.
  const auto less = [&](const json& a, const json& b) {
    const int ia = indexIn(order, a, mergeKey, elementKind);
    const int ib = indexIn(order, b, mergeKey, elementKind);
    return ia < 0 || ib < 0 || ia < ib;
  };
  for (size_t i = 1; i < toSort.size(); ++i) {
    for (size_t j = i; j > 0 && less(toSort[j], toSort[j - 1]); --j) std::swap(toSort[j], toSort[j - 1]);
  }
  for (json& deletion : deletions) toSort.push_back(std::move(deletion));
  return toSort;
}

json normalizeElementOrder(json patchItems, json serverOnly, const json& patchOrder, const json& serverOrder,
                           const std::string& mergeKey, GoKind elementKind) {
  patchItems = normalizeSliceOrder(std::move(patchItems), patchOrder, mergeKey, elementKind);
  serverOnly = normalizeSliceOrder(std::move(serverOnly), serverOrder, mergeKey, elementKind);
  return interleave(serverOnly, patchItems, serverOrder, mergeKey, elementKind);
}

std::pair<json, json> partitionByPresence(const json& merged, const json& partitionBy, const std::string& mergeKey) {
  json present = json::array();
  json absent = json::array();
  for (const json& element : merged) {
    bool found = false;
    if (mergeKey.empty()) {
      for (const json& candidate : partitionBy) found = found || goDeepEqual(candidate, element);
    } else {
      requireElementMergeKey(element, mergeKey);
      found = findByMergeKey(partitionBy, mergeKey, element[mergeKey]) >= 0;
    }
    (found ? present : absent).push_back(element);
  }
  return {present, absent};
}

void requireElementMergeKey(const json& element, const std::string& mergeKey) {
  if (!element.is_object()) throw Failure("expected a map in a list merged by \"" + mergeKey + "\", got " + element.dump());
  if (!element.contains(mergeKey)) {
    throw Failure("map: " + element.dump() + " does not contain declared merge key: " + mergeKey);
  }
}

bool sameMergeKey(const json& a, const json& b, const std::string& mergeKey) {
  if (mergeKey.empty()) return goDeepEqual(a, b);
  requireElementMergeKey(a, mergeKey);
  requireElementMergeKey(b, mergeKey);
  return goDeepEqual(a[mergeKey], b[mergeKey]);
}

int findByMergeKey(const json& list, const std::string& mergeKey, const json& value) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_object()) throw Failure("value for key " + std::to_string(i) + " is not a map");
    const auto found = list[i].find(mergeKey);
    if (found != list[i].end() && goDeepEqual(*found, value)) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace ho::kube::patch
