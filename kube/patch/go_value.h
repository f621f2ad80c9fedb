// JSON values as apimachinery's patch code sees them: decoded into Go's
// interface{} (nil, bool, int64, float64, string, []interface{},
// map[string]interface{}), compared with reflect.DeepEqual or ==, printed
// with %v, and the scalar-list helpers (sort by %v, the in-place
// de-duplication) whose element orders patches depend on.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace ho::kube::patch {

enum class GoKind { Nil, Bool, Int, Float, String, List, Map };

GoKind goKind(const nlohmann::json& value);
// reflect.DeepEqual: an int64 never equals a float64.
bool goDeepEqual(const nlohmann::json& a, const nlohmann::json& b);
// fmt.Sprintf("%v", value) for scalars.
std::string goPrint(const nlohmann::json& value);

// sort.Sort(SortableSliceOfScalars): by the %v text.
nlohmann::json sortScalars(nlohmann::json list);
// deduplicateScalars: drops repeats, moving the last element into each gap.
nlohmann::json deduplicateScalars(nlohmann::json list);

}  // namespace ho::kube::patch
