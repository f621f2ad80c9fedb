// Strategic merge patch application (strategicpatch's mergeMap and mergeSlice).
#include "kube/patch/strategic_merge_patch.h"

#include <optional>
#include <string>
#include <vector>

#include "kube/patch/directives.h"
#include "kube/patch/list_order.h"

namespace ho::kube::patch {

namespace {

using nlohmann::json;

bool startsWith(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// "$setElementOrder/containers" -> "containers".
std::string directiveField(const std::string& key, std::string_view prefix) {
  if (key.size() <= prefix.size() + 1 || key.compare(0, prefix.size(), prefix) != 0 || key[prefix.size()] != '/') {
    throw Failure("invalid patch format for " + std::string(prefix) + ": " + key);
  }
  return key.substr(prefix.size() + 1);
}

bool isDeleteDirective(const json& element) {
  const auto directive = element.find(kPatchDirective);
  return directive != element.end() && *directive == "delete";
}

// removeDirectives: objects carrying $patch vanish (nullopt at the top).
std::optional<json> withoutDirectives(json value) {
  if (value.is_object()) {
    if (value.contains(kPatchDirective)) return std::nullopt;
    json kept = json::object();
    for (auto& [key, member] : value.items()) {
      if (auto cleaned = withoutDirectives(std::move(member))) kept[key] = std::move(*cleaned);
    }
    return kept;
  }
  if (value.is_array()) {
    json kept = json::array();
    for (json& element : value) {
      if (auto cleaned = withoutDirectives(std::move(element))) kept.push_back(std::move(*cleaned));
    }
    return kept;
  }
  return value;
}

void discardNulls(json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end();) {
      if (it->is_null()) {
        it = value.erase(it);
      } else {
        discardNulls(*it);
        ++it;
      }
    }
  } else if (value.is_array()) {
    for (json& element : value) discardNulls(element);
  }
}

json deleteFromList(const json& list, const json& doomed) {
  json kept = json::array();
  for (const json& element : list) {
    bool found = false;
    for (const json& candidate : doomed) found = found || goDeepEqual(candidate, element);
    if (!found) kept.push_back(element);
  }
  return kept;
}

// validatePatchWithSetOrderList: the patch list's elements appear in the
// $setElementOrder list, in the same relative order.
void checkElementOrder(const json& patchList, const json& order, const std::string& mergeKey) {
  if (order.empty() || patchList.empty()) return;
  std::vector<const json*> kept;
  for (const json& element : patchList) {
    if (!mergeKey.empty() && !element.is_object()) throw Failure("invalid patch list element: " + element.dump());
    if (mergeKey.empty() || !isDeleteDirective(element)) kept.push_back(&element);
  }
  size_t patchIndex = 0;
  size_t orderIndex = 0;
  while (patchIndex < kept.size() && orderIndex < order.size()) {
    if (kept[patchIndex]->is_object() && kept[patchIndex]->contains(kPatchDirective)) {
      ++patchIndex;
      continue;
    }
    if (sameMergeKey(*kept[patchIndex], order[orderIndex], mergeKey)) ++patchIndex;
    ++orderIndex;
  }
  if (patchIndex < kept.size()) {
    throw Failure("The order in patch list:\n" + patchList.dump() + "\n doesn't match " +
                  std::string(kSetElementOrderPrefix) + " list:\n" + order.dump());
  }
}

// The original list as the caller of Go's mergeSlice sees it afterwards:
// slices share their array, so the deletions shift later elements left
// (leaving stale copies in the last slots) and appended elements land in
// the slots that frees. $setElementOrder's merge orders server-only
// elements by this view.
class SharedListView {
 public:
  explicit SharedListView(json list) : slots_(std::move(list)), length_(slots_.size()) {}

  void erase(size_t index) {
    for (size_t i = index; i + 1 < length_; ++i) slots_[i] = slots_[i + 1];
    --length_;
  }
  void append(const json& element) {
    if (length_ < slots_.size()) slots_[length_] = element;
    ++length_;
  }
  const json& slots() const { return slots_; }

 private:
  json slots_;
  size_t length_;
};

class Merger {
 public:
  explicit Merger(const MergeOptions& options) : options_(options) {}

  json mergeMaps(json original, json patch, const SchemaNode* schema) const {
    if (const auto directive = patch.find(kPatchDirective); directive != patch.end()) {
      if (*directive == "replace") {
        patch.erase(std::string(kPatchDirective));
        return patch;
      }
      if (*directive == "delete") return json::object();
      throw Failure("unknown patch type: " + directive->dump() + " in map: " + patch.dump());
    }
    if (!original.is_object()) original = json::object();
    applyRetainKeys(original, patch);
    applyElementOrders(original, patch, schema);
    for (auto& [key, value] : patch.items()) mergeField(original, key, std::move(value), schema);
    return original;
  }

 private:
  void mergeField(json& original, const std::string& key, json value, const SchemaNode* schema) const {
    std::string field = key;
    bool deletionList = false;
    if (startsWith(key, kDeleteFromPrimitiveListPrefix)) {
      if (!options_.mergeParallelLists) {
        original[key] = std::move(value);
        return;
      }
      field = directiveField(key, kDeleteFromPrimitiveListPrefix);
      deletionList = true;
    }
    if (value.is_null()) {
      original.erase(field);
      if (options_.ignoreUnmatchedNulls) return;
    }
    const auto existing = original.find(field);
    if (existing == original.end() || goKind(*existing) != goKind(value)) {
      if (!deletionList) take(original, field, std::move(value));
      return;
    }
    const FieldSchema fieldSchema = lookupField(schema, field);
    if (value.is_object()) {
      *existing = fieldSchema.meta.strategy == Strategy::Replace
                      ? std::move(value)
                      : mergeMaps(std::move(*existing), std::move(value), fieldSchema.type);
    } else if (value.is_array()) {
      *existing = fieldSchema.meta.strategy == Strategy::Merge || deletionList
                      ? mergeLists(std::move(*existing), std::move(value), fieldSchema, deletionList)
                      : std::move(value);
    } else {
      take(original, field, std::move(value));
    }
  }

  // A patch value that replaces whatever was there.
  void take(json& original, const std::string& field, json value) const {
    if (options_.ignoreUnmatchedNulls) discardNulls(value);
    if (auto cleaned = withoutDirectives(std::move(value))) {
      original[field] = std::move(*cleaned);
    } else {
      original.erase(field);
    }
  }

  void applyRetainKeys(json& original, json& patch) const {
    const auto directive = patch.find(kRetainKeysDirective);
    if (directive == patch.end()) return;
    const json retained = std::move(*directive);
    patch.erase(std::string(kRetainKeysDirective));
    if (!options_.mergeParallelLists) {
      const auto already = original.find(kRetainKeysDirective);
      if (already == original.end()) {
        original[std::string(kRetainKeysDirective)] = retained;
      } else if (!goDeepEqual(*already, retained)) {
        throw Failure(already->dump() + " and " + retained.dump() + " are not deep equal");
      }
      return;
    }
    if (!retained.is_array()) throw Failure("invalid patch format of retainKeys");
    const auto isRetained = [&](const std::string& key) {
      for (const json& name : retained) {
        if (name.is_string() && name.get<std::string>() == key) return true;
      }
      return false;
    };
    for (const auto& [key, value] : patch.items()) {
      if (value.is_null() || startsWith(key, kDeleteFromPrimitiveListPrefix) || startsWith(key, kSetElementOrderPrefix)) {
        continue;
      }
      if (!isRetained(key)) throw Failure("invalid patch format of retainKeys");
    }
    for (auto it = original.begin(); it != original.end();) {
      it = isRetained(it.key()) ? std::next(it) : original.erase(it);
    }
  }

  // mergePatchIntoOriginal: each $setElementOrder list with the list it orders.
  void applyElementOrders(json& original, json& patch, const SchemaNode* schema) const {
    std::vector<std::string> orderKeys;
    for (const auto& [key, value] : patch.items()) {
      if (startsWith(key, kSetElementOrderPrefix)) orderKeys.push_back(key);
    }
    for (const std::string& key : orderKeys) {
      const json order = std::move(patch[key]);
      patch.erase(key);
      if (!options_.mergeParallelLists) {
        const auto already = original.find(key);
        if (already == original.end()) {
          original[key] = order;
        } else if (!goDeepEqual(*already, order)) {
          throw Failure("invalid patch format of setElementOrder list");
        }
      }
      if (!order.is_array()) throw Failure("invalid patch format of setElementOrder list: " + order.dump());
      const std::string field = directiveField(key, kSetElementOrderPrefix);
      const auto originalList = original.find(field);
      const auto patchList = patch.find(field);
      const bool inOriginal = originalList != original.end();
      const bool inPatch = patchList != patch.end();
      if (!inOriginal && !inPatch) continue;
      if ((inOriginal && !originalList->is_array()) || (inPatch && !patchList->is_array())) {
        throw Failure("the list ordered by " + key + " is not a list");
      }
      const json originalElements = inOriginal ? *originalList : json::array();
      const json patchElements = inPatch ? *patchList : json::array();
      const FieldSchema fieldSchema = lookupField(schema, field);
      const std::string& mergeKey = fieldSchema.meta.mergeKey;
      checkElementOrder(patchElements, order, mergeKey);
      SharedListView originalView(originalElements);
      json merged;
      if (!inPatch) {
        merged = originalElements;
      } else if (!inOriginal) {
        merged = withoutDirectives(patchElements).value_or(json::array());
      } else if (fieldSchema.meta.strategy == Strategy::Merge) {
        merged = mergeLists(originalElements, patchElements, fieldSchema, false, &originalView);
      } else {
        merged = patchElements;
      }
      auto [ordered, serverOnly] = partitionByPresence(merged, order, mergeKey);
      const GoKind elementKind = sliceElementKind({&originalView.slots(), &patchElements});
      original[field] = normalizeElementOrder(std::move(ordered), std::move(serverOnly), order, originalView.slots(),
                                              mergeKey, elementKind);
      patch.erase(field);
    }
  }

  // mergeSlice: a list with the merge strategy (or a deletion list).
  json mergeLists(json original, json patch, const FieldSchema& fieldSchema, bool deletionList,
                  SharedListView* originalView = nullptr) const {
    if (original.empty() && patch.empty()) return original;
    const GoKind elementKind = sliceElementKind({&original, &patch});
    const std::string& mergeKey = fieldSchema.meta.mergeKey;
    json merged;
    if (elementKind != GoKind::Map) {
      if (options_.mergeParallelLists && deletionList) return deleteFromList(original, patch);
      merged = original;
      for (const json& element : patch) merged.push_back(element);
      merged = deduplicateScalars(std::move(merged));
    } else {
      if (mergeKey.empty()) throw Failure("cannot merge lists without merge key");
      applySpecialElements(original, patch, mergeKey, originalView);
      merged = original;
      for (const json& element : patch) {
        requireElementMergeKey(element, mergeKey);
        const int existing = findByMergeKey(merged, mergeKey, element[mergeKey]);
        if (existing >= 0) {
          merged[existing] = mergeMaps(std::move(merged[existing]), element, fieldSchema.type);
        } else {
          merged.push_back(element);
          if (originalView) originalView->append(element);
        }
      }
    }
    auto [patched, serverOnly] = partitionByPresence(merged, patch, mergeKey);
    return normalizeElementOrder(std::move(patched), std::move(serverOnly), patch, original, mergeKey, elementKind);
  }

  // mergeSliceWithSpecialElements: `$patch: delete` elements remove theirs
  // from `original`, `$patch: replace` makes the rest of the patch the list.
  static void applySpecialElements(json& original, json& patch, const std::string& mergeKey,
                                   SharedListView* originalView) {
    json plain = json::array();
    bool replace = false;
    for (json& element : patch) {
      const auto directive = element.find(kPatchDirective);
      if (directive == element.end()) {
        plain.push_back(std::move(element));
      } else if (*directive == "delete") {
        const auto doomed = element.find(mergeKey);
        if (doomed == element.end()) {
          throw Failure("map: " + element.dump() + " does not contain declared merge key: " + mergeKey);
        }
        for (int found = findByMergeKey(original, mergeKey, *doomed); found >= 0;
             found = findByMergeKey(original, mergeKey, *doomed)) {
          original.erase(static_cast<size_t>(found));
          if (originalView) originalView->erase(static_cast<size_t>(found));
        }
      } else if (*directive == "replace") {
        replace = true;
      } else if (*directive == "merge") {
        throw Failure("merging lists cannot yet be specified in the patch");
      } else {
        throw Failure("unknown patch type: " + directive->dump() + " in map: " + element.dump());
      }
    }
    if (replace) {
      original = std::move(plain);
      patch = json::array();
    } else {
      patch = std::move(plain);
    }
  }

  MergeOptions options_;
};

}  // namespace

json mergeStrategicPatch(json original, json patch, const SchemaNode* schema, const MergeOptions& options) {
  return Merger(options).mergeMaps(std::move(original), std::move(patch), schema);
}

Result<json> applyStrategicMergePatch(const json& original, const json& patch, const SchemaNode* schema) {
  if (!patch.is_object()) return Error{"strategic merge patch: the patch is not a JSON object"};
  try {
    return mergeStrategicPatch(original, patch, schema, MergeOptions{});
  } catch (const Failure& failure) {
    return Error{failure.what()};
  }
}

}  // namespace ho::kube::patch
