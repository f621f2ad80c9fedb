// CRD names, served kinds and status conditions.
#include "kube/server/crd_controller.h"

#include <algorithm>

#include "kube/server/timestamps.h"

namespace ho::kube {
namespace {

using nlohmann::json;

std::string lowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::vector<std::string> stringList(const json& value) {
  std::vector<std::string> strings;
  if (!value.is_array()) return strings;
  for (const json& element : value) {
    if (element.is_string()) strings.push_back(element.get<std::string>());
  }
  return strings;
}

// The names with the defaults the apiserver fills in.
json acceptedNames(const json& names) {
  json accepted = names;
  const std::string kind = names.value("kind", "");
  if (!accepted.contains("singular")) accepted["singular"] = lowerCase(kind);
  if (!accepted.contains("listKind")) accepted["listKind"] = kind + "List";
  return accepted;
}

json condition(const std::string& type, const std::string& reason, const std::string& message,
               const std::string& now) {
  return {{"type", type}, {"status", "True"}, {"reason", reason}, {"message", message}, {"lastTransitionTime", now}};
}

}  // namespace

ApiResult<std::vector<ResourceType>> resourceTypesFromCrd(const json& crd) {
  const std::string crdName = crd["metadata"].value("name", "");
  const json& spec = crd.value("spec", json::object());
  const std::string group = spec.value("group", "");
  const json names = acceptedNames(spec.value("names", json::object()));
  const std::string plural = names.value("plural", "");
  if (plural.empty() || names.value("kind", "").empty()) {
    return invalid("customresourcedefinitions.apiextensions.k8s.io", crdName,
                   "spec.names.plural and spec.names.kind are required");
  }
  if (crdName != plural + "." + group) {
    return invalid("customresourcedefinitions.apiextensions.k8s.io", crdName,
                   "metadata.name: Invalid value: \"" + crdName + "\": must be spec.names.plural+\".\"+spec.group");
  }
  std::vector<ResourceType> types;
  for (const json& version : spec.value("versions", json::array())) {
    if (!version.value("served", true)) continue;
    ResourceType type;
    type.group = group;
    type.version = version.value("name", "");
    type.resource = plural;
    type.singular = names.value("singular", "");
    type.kind = names.value("kind", "");
    type.namespaced = spec.value("scope", "Namespaced") != "Cluster";
    type.shortNames = stringList(names.value("shortNames", json::array()));
    type.categories = stringList(names.value("categories", json::array()));
    const json& subresources = version.value("subresources", json::object());
    type.hasStatus = subresources.contains("status");
    type.hasScale = subresources.contains("scale");
    type.custom = true;
    for (const json& column : version.value("additionalPrinterColumns", json::array())) {
      type.printerColumns.push_back({column.value("name", ""), column.value("type", "string"),
                                     column.value("format", ""), column.value("description", ""),
                                     column.value("priority", 0), column.value("jsonPath", "")});
    }
    types.push_back(std::move(type));
  }
  if (types.empty()) {
    return invalid("customresourcedefinitions.apiextensions.k8s.io", crdName,
                   "spec.versions: Invalid value: must have exactly one version marked as storage version");
  }
  return types;
}

void CrdController::reconcile(const json& crd) {
  if (crd["metadata"].contains("deletionTimestamp")) return;
  ApiResult<std::vector<ResourceType>> types = resourceTypesFromCrd(crd);
  if (!types.ok()) return;
  const std::string crdName = crd["metadata"].value("name", "");
  registry_.setCustom(crdName, std::move(types).value());
  const ObjectKey key{"customresourcedefinitions.apiextensions.k8s.io", "", crdName};
  (void)store_.update(key, [](const json* current) -> ApiResult<json> {
    json next = *current;
    const json& spec = next["spec"];
    json stored = json::array();
    for (const json& version : spec.value("versions", json::array())) {
      if (version.value("storage", false)) stored.push_back(version.value("name", ""));
    }
    json& status = next["status"];
    if (!status.is_object()) status = json::object();
    const std::string now = formatTimestamp(Clock::now());
    const json conditions = status.value("conditions", json::array());
    const bool established = std::any_of(conditions.begin(), conditions.end(), [](const json& c) {
      return c.value("type", "") == "Established";
    });
    if (!established) {
      status["conditions"] = {
          condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
          condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)};
    }
    status["acceptedNames"] = acceptedNames(spec.value("names", json::object()));
    status["storedVersions"] = stored;
    next["metadata"].erase("resourceVersion");
    return next;
  });
}

void CrdController::removed(const json& crd) {
  const std::string crdName = crd["metadata"].value("name", "");
  ApiResult<std::vector<ResourceType>> types = resourceTypesFromCrd(crd);
  registry_.removeCustom(crdName);
  if (types.ok() && !types.value().empty()) store_.removeAll(types.value().front().groupResource(), "");
}

}  // namespace ho::kube
