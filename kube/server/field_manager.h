// Field ownership (metadata.managedFields) and server-side apply.
//
// Every write records which manager set which fields, in the fieldsV1 form
// Kubernetes uses ({"f:spec":{"f:replicas":{}}}, list items of lists with a
// patch merge key as "k:{\"name\":\"web\"}"). An apply
// (application/apply-patch+yaml) merges the applied configuration into the
// live object, takes ownership of the fields it names, removes fields its
// manager applied before and no longer applies (when nobody else owns them),
// and fails with 409 Conflict when another manager owns a field the apply
// would change, unless forced.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kube/patch/patch_schema.h"
#include "kube/server/api_status.h"

namespace ho::kube {

struct FieldManagerContext {
  std::string manager;      // the fieldManager parameter, or the user agent's program name
  std::string apiVersion;   // the version the request used
  std::string subresource;  // "" or "status"/"scale"
  bool statusIsSeparate = false;  // the kind has a status subresource: status is not owned by main writes
  // Custom resources: the keyed lists of the CRD schema (built-in kinds use
  // their compiled-in patch strategies when this is null).
  const patch::SchemaNode* listSchema = nullptr;
};

// The manager name Kubernetes defaults to: the user agent up to its first '/'.
std::string defaultFieldManager(std::string_view userAgent);

// Parses an apply body (JSON, or YAML as apply-patch+yaml allows).
ApiResult<nlohmann::json> parseApplyConfiguration(std::string_view body);

// Applies `applied` to `current` (null when the apply creates the object).
// The result carries the updated managedFields.
ApiResult<nlohmann::json> serverSideApply(const nlohmann::json* current, const nlohmann::json& applied,
                                          const FieldManagerContext& context, bool force);

// Records a create, update or non-apply patch: the fields that differ
// between `before` (null on create) and `after` become the manager's
// (operation Update) and leave every other manager's set.
void recordUpdate(const nlohmann::json* before, nlohmann::json& after, const FieldManagerContext& context);

}  // namespace ho::kube
