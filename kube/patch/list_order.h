// Element order in merged lists, as strategic merge patch defines it: a
// patch's $setElementOrder (or its own list order) first, the live list's
// order for the elements only the server has. Lists of objects are matched
// by their merge key, lists of scalars by value. Malformed lists throw
// ho::Failure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kube/patch/go_value.h"

namespace ho::kube::patch {

// The kind every element of `lists` shares (sliceElementType); throws when
// they differ, when an element is a list, or when there are no elements.
GoKind sliceElementKind(const std::vector<const nlohmann::json*>& lists);

// Sorts `toSort` by the positions its elements have in `order`; for lists of
// objects, elements carrying `$patch: delete` go last.
nlohmann::json normalizeSliceOrder(nlohmann::json toSort, const nlohmann::json& order, const std::string& mergeKey,
                                   GoKind elementKind);

// Interleaves the patch's elements (ordered by `patchOrder`) with the
// server-only ones (ordered by `serverOrder`, the live list), keeping each
// group's relative order.
nlohmann::json normalizeElementOrder(nlohmann::json patchItems, nlohmann::json serverOnly,
                                     const nlohmann::json& patchOrder, const nlohmann::json& serverOrder,
                                     const std::string& mergeKey, GoKind elementKind);

// Splits `merged` into the elements `partitionBy` names and the others.
std::pair<nlohmann::json, nlohmann::json> partitionByPresence(const nlohmann::json& merged,
                                                              const nlohmann::json& partitionBy,
                                                              const std::string& mergeKey);

// Throws unless `element` is an object carrying `mergeKey`.
void requireElementMergeKey(const nlohmann::json& element, const std::string& mergeKey);
// Whether two elements have the same merge key value (or, with no merge
// key, are equal); throws when one lacks the key.
bool sameMergeKey(const nlohmann::json& a, const nlohmann::json& b, const std::string& mergeKey);
// The element of the list of objects whose `mergeKey` equals `value`, or -1.
int findByMergeKey(const nlohmann::json& list, const std::string& mergeKey, const nlohmann::json& value);

}  // namespace ho::kube::patch
