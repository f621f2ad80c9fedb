// Label and field selectors for list and watch (?labelSelector=, ?fieldSelector=).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kube/server/api_status.h"

namespace ho::kube {

// Equality (=, ==, !=), set-based (in, notin) and existence (key, !key) terms.
class LabelSelector {
 public:
  static ApiResult<LabelSelector> parse(std::string_view text);
  bool matches(const nlohmann::json& labels) const;  // labels: object or null

 private:
  enum class Op { Equals, NotEquals, In, NotIn, Exists, NotExists };
  struct Requirement {
    std::string key;
    Op op;
    std::vector<std::string> values;
  };
  std::vector<Requirement> requirements_;
};

// Terms `path=value`, `path==value`, `path!=value` over the object's fields
// (metadata.name, metadata.namespace, involvedObject.uid, status.phase, ...).
class FieldSelector {
 public:
  static ApiResult<FieldSelector> parse(std::string_view text);
  bool matches(const nlohmann::json& object) const;

 private:
  struct Term {
    std::string path;
    bool negated;
    std::string value;
  };
  std::vector<Term> terms_;
};

}  // namespace ho::kube
