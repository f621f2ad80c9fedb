// Strategic merge patch diffs (strategicpatch's diffMaps and diffLists) and
// the three-way patch built from two of them.
#include "kube/patch/three_way_merge_patch.h"

#include <algorithm>
#include <string>
#include <vector>

#include "kube/patch/directives.h"
#include "kube/patch/list_order.h"
#include "kube/patch/strategic_merge_patch.h"

namespace ho::kube::patch {

namespace {

using nlohmann::json;

struct DiffOptions {
  bool ignoreChangesAndAdditions = false;
  bool ignoreDeletions = false;
  bool buildRetainKeys = false;
};

struct ListDiff {
  json patchList = json::array();
  json deletions = json::array();      // scalars to delete ($deleteFromPrimitiveList)
  json elementOrder = json::array();   // $setElementOrder
};

json deleteDirectiveFor(const std::string& mergeKey, const json& value) {
  return json{{mergeKey, value}, {std::string(kPatchDirective), "delete"}};
}

// Whether `original` has a non-null field `modified` lacks.
bool hasFieldModifiedDropped(const json& original, const json& modified) {
  for (const auto& [key, value] : original.items()) {
    if (!value.is_null() && !modified.contains(key)) return true;
  }
  return false;
}

// The merge key's %v text, which lists of objects are sorted and matched by.
std::string mergeKeyText(const json& element, const std::string& mergeKey) {
  requireElementMergeKey(element, mergeKey);
  return goPrint(element[mergeKey]);
}

json sortedByMergeKey(const json& list, const std::string& mergeKey) {
  std::vector<json> sorted(list.begin(), list.end());
  std::stable_sort(sorted.begin(), sorted.end(), [&](const json& a, const json& b) {
    const auto keyText = [&](const json& element) {
      const auto found = element.find(mergeKey);
      return found == element.end() ? std::string("<nil>") : goPrint(*found);
    };
    return keyText(a) < keyText(b);
  });
  return json(sorted);
}

// The side-by-side walk of strategicpatch's list diffs over two lists sorted
// by `textOf`: equal texts pair up, otherwise the smaller text belongs to an
// element only its own list has (added to `after`, removed from `before`).
template <class TextOf, class Matched, class Added, class Removed>
void walkSortedLists(const json& before, const json& after, TextOf textOf, Matched matched, Added added,
                     Removed removed) {
  size_t i = 0;
  size_t j = 0;
  while (i < before.size() || j < after.size()) {
    const std::string beforeText = i < before.size() ? textOf(before[i]) : "";
    const std::string afterText = j < after.size() ? textOf(after[j]) : "";
    if (i < before.size() && j < after.size() && beforeText == afterText) {
      matched(before[i++], after[j++]);
    } else if (i >= before.size() || (j < after.size() && beforeText > afterText)) {
      added(after[j++]);
    } else {
      removed(before[i++]);
    }
  }
}

bool isOrderSame(const json& original, const json& modified, const std::string& mergeKey) {
  if (original.size() != modified.size()) return false;
  for (size_t i = 0; i < modified.size(); ++i) {
    if (!sameMergeKey(original[i], modified[i], mergeKey)) return false;
  }
  return true;
}

class Differ {
 public:
  explicit Differ(const DiffOptions& options) : options_(options) {}

  json diffMaps(const json& original, const json& modified, const SchemaNode* schema) const {
    json patch = json::object();
    json retainedKeys = json::array();
    for (const auto& [key, wanted] : modified.items()) {
      if (options_.buildRetainKeys && !wanted.is_null()) retainedKeys.push_back(key);
      const auto before = original.find(key);
      if (before == original.end()) {
        if (!options_.ignoreChangesAndAdditions) patch[key] = wanted;
        continue;
      }
      if (key == kPatchDirective) {
        if (!before->is_string() || !wanted.is_string()) throw Failure("invalid value for special key: $patch");
        if (*before != wanted) patch[key] = wanted;
        continue;
      }
      if (goKind(*before) != goKind(wanted)) {
        if (!options_.ignoreChangesAndAdditions) patch[key] = wanted;
      } else if (wanted.is_object()) {
        diffNestedMap(key, *before, wanted, patch, schema);
      } else if (wanted.is_array()) {
        diffNestedList(key, *before, wanted, patch, schema);
      } else if (!options_.ignoreChangesAndAdditions && !goDeepEqual(*before, wanted)) {
        patch[key] = wanted;
      }
    }
    if (!options_.ignoreDeletions) {
      for (const auto& [key, value] : original.items()) {
        if (!modified.contains(key)) patch[key] = nullptr;
      }
    }
    if (!retainedKeys.empty() && (!patch.empty() || hasFieldModifiedDropped(original, modified))) {
      patch[std::string(kRetainKeysDirective)] = sortScalars(std::move(retainedKeys));
    }
    return patch;
  }

 private:
  void diffNestedMap(const std::string& key, const json& original, const json& modified, json& patch,
                     const SchemaNode* schema) const {
    const FieldSchema field = lookupField(schema, key);
    if (field.meta.strategy == Strategy::Replace) {
      if (!options_.ignoreChangesAndAdditions) patch[key] = modified;
      return;
    }
    DiffOptions nested = options_;
    nested.buildRetainKeys = field.meta.retainKeys;
    json change = Differ(nested).diffMaps(original, modified, field.type);
    if (!change.empty()) patch[key] = std::move(change);
  }

  void diffNestedList(const std::string& key, const json& original, const json& modified, json& patch,
                      const SchemaNode* schema) const {
    const FieldSchema field = lookupField(schema, key);
    if (field.meta.strategy != Strategy::Merge) {
      if (!options_.ignoreChangesAndAdditions && !goDeepEqual(original, modified)) patch[key] = modified;
      return;
    }
    DiffOptions nested = options_;
    nested.buildRetainKeys = field.meta.retainKeys;
    ListDiff diff = Differ(nested).diffLists(original, modified, field.type, field.meta.mergeKey);
    if (!diff.patchList.empty()) patch[key] = std::move(diff.patchList);
    if (!diff.deletions.empty()) patch[std::string(kDeleteFromPrimitiveListPrefix) + "/" + key] = std::move(diff.deletions);
    if (!diff.elementOrder.empty()) patch[std::string(kSetElementOrderPrefix) + "/" + key] = std::move(diff.elementOrder);
  }

  ListDiff diffLists(const json& original, const json& modified, const SchemaNode* elementSchema,
                     const std::string& mergeKey) const {
    ListDiff diff;
    if (original.empty()) {
      if (!modified.empty() && !options_.ignoreChangesAndAdditions) diff.patchList = modified;
      return diff;
    }
    const GoKind elementKind = sliceElementKind({&original, &modified});
    if (elementKind == GoKind::Map) {
      diffListsOfMaps(original, modified, elementSchema, mergeKey, diff);
      diff.patchList = normalizeSliceOrder(std::move(diff.patchList), modified, mergeKey, elementKind);
      for (json& deletion : diff.deletions) diff.patchList.push_back(std::move(deletion));
      diff.deletions = json::array();
      const bool changed = !diff.patchList.empty();
      if ((!options_.ignoreChangesAndAdditions && (changed || !isOrderSame(original, modified, mergeKey))) ||
          (!options_.ignoreDeletions && changed)) {
        for (const json& element : modified) diff.elementOrder.push_back(json{{mergeKey, element[mergeKey]}});
      }
      return diff;
    }
    diffListsOfScalars(original, modified, diff);
    diff.patchList = normalizeSliceOrder(std::move(diff.patchList), modified, mergeKey, elementKind);
    if ((!options_.ignoreDeletions && !diff.deletions.empty()) ||
        (!options_.ignoreChangesAndAdditions && !goDeepEqual(original, modified))) {
      diff.elementOrder = modified;
    }
    return diff;
  }

  void diffListsOfMaps(const json& original, const json& modified, const SchemaNode* elementSchema,
                       const std::string& mergeKey, ListDiff& diff) const {
    walkSortedLists(
        sortedByMergeKey(original, mergeKey), sortedByMergeKey(modified, mergeKey),
        [&](const json& element) { return mergeKeyText(element, mergeKey); },
        [&](const json& before, const json& after) {
          json change = diffMaps(before, after, elementSchema);
          if (change.empty()) return;
          change[mergeKey] = after[mergeKey];
          diff.patchList.push_back(std::move(change));
        },
        [&](const json& added) {
          if (!options_.ignoreChangesAndAdditions) diff.patchList.push_back(added);
        },
        [&](const json& removed) {
          if (!options_.ignoreDeletions) diff.deletions.push_back(deleteDirectiveFor(mergeKey, removed[mergeKey]));
        });
  }

  void diffListsOfScalars(const json& original, const json& modified, ListDiff& diff) const {
    walkSortedLists(
        sortScalars(original), sortScalars(modified), [](const json& element) { return goPrint(element); },
        [](const json&, const json&) {},
        [&](const json& added) {
          if (!options_.ignoreChangesAndAdditions) diff.patchList.push_back(added);
        },
        [&](const json& removed) {
          if (!options_.ignoreDeletions) diff.deletions.push_back(removed);
        });
    diff.deletions = deduplicateScalars(std::move(diff.deletions));
  }

  DiffOptions options_;
};

}  // namespace

Result<json> createThreeWayMergePatch(const json& original, const json& modified, const json& current,
                                      const SchemaNode* schema) {
  const json empty = json::object();
  const json& originalMap = original.is_object() ? original : empty;
  const json& modifiedMap = modified.is_object() ? modified : empty;
  const json& currentMap = current.is_object() ? current : empty;
  try {
    // What `modified` sets that `current` lacks, then what `modified` dropped since `original`.
    const json delta = Differ({false, true, false}).diffMaps(currentMap, modifiedMap, schema);
    const json deletions = Differ({true, false, false}).diffMaps(originalMap, modifiedMap, schema);
    return mergeStrategicPatch(deletions, delta, schema, MergeOptions{false, false});
  } catch (const Failure& failure) {
    return Error{failure.what()};
  }
}

}  // namespace ho::kube::patch
