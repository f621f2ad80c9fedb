// Label and field selectors as the Kubernetes API defines them: the API server
// filters lists and watches with them (?labelSelector=, ?fieldSelector=), the
// controller's post-renderers pick objects by labels and annotations.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ho::kube {

// Equality (=, ==, !=), set-based (in, notin) and existence (key, !key) terms.
// Parse errors read like the API server's: "unable to parse requirement: ...".
class LabelSelector {
 public:
  static Result<LabelSelector> parse(std::string_view text);
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
  static Result<FieldSelector> parse(std::string_view text);
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
