// HelmRelease status: condition lookup and the JSON form, written with Go's
// omitempty rules and read back with field-naming errors.
#include "controller/helmrelease/helm_release_status.h"

#include "controller/helmrelease/field_reader.h"

namespace ho::controller {
namespace {

void putIfSet(nlohmann::json& object, const char* key, const std::string& text) {
  if (!text.empty()) object[key] = text;
}

nlohmann::json conditionToJson(const HelmReleaseCondition& condition) {
  nlohmann::json object = {{"type", conditionTypeName(condition.type)},
                           {"status", conditionStatusName(condition.status)}};
  putIfSet(object, "lastUpdateTime", condition.lastUpdateTime);
  putIfSet(object, "lastTransitionTime", condition.lastTransitionTime);
  putIfSet(object, "reason", condition.reason);
  putIfSet(object, "message", condition.message);
  if (condition.observedGeneration != 0) object["observedGeneration"] = condition.observedGeneration;
  return object;
}

HelmReleaseCondition parseCondition(const FieldReader& condition) {
  HelmReleaseCondition parsed;
  const std::string type = condition.requiredString("type");
  const auto knownType = conditionTypeFromName(type);
  if (!knownType) condition.fail("type", "unknown condition type \"" + type + "\"");
  parsed.type = *knownType;
  const std::string status = condition.requiredString("status");
  const auto knownStatus = conditionStatusFromName(status);
  if (!knownStatus) condition.fail("status", "expected one of True, False or Unknown, got \"" + status + "\"");
  parsed.status = *knownStatus;
  parsed.lastUpdateTime = condition.string("lastUpdateTime");
  parsed.lastTransitionTime = condition.string("lastTransitionTime");
  parsed.reason = condition.string("reason");
  parsed.message = condition.string("message");
  parsed.observedGeneration = condition.count("observedGeneration").value_or(0);
  return parsed;
}

HelmReleaseStatus parseStatus(const FieldReader& status) {
  HelmReleaseStatus parsed;
  parsed.observedGeneration = status.count("observedGeneration").value_or(0);
  if (const std::string phase = status.string("phase"); !phase.empty()) {
    parsed.phase = phaseFromName(phase);
    if (!parsed.phase) status.fail("phase", "unknown phase \"" + phase + "\"");
  }
  parsed.releaseName = status.string("releaseName");
  parsed.releaseStatus = status.string("releaseStatus");
  parsed.revision = status.string("revision");
  parsed.lastAttemptedRevision = status.string("lastAttemptedRevision");
  parsed.rollbackCount = status.count("rollbackCount").value_or(0);
  for (const FieldReader& condition : status.objectList("conditions")) {
    parsed.conditions.push_back(parseCondition(condition));
  }
  parsed.lastHandledReconcileAt = status.string("lastHandledReconcileAt");
  parsed.lastHandledForceAt = status.string("lastHandledForceAt");
  parsed.lastHandledResetAt = status.string("lastHandledResetAt");
  parsed.installFailures = status.count("installFailures").value_or(0);
  parsed.upgradeFailures = status.count("upgradeFailures").value_or(0);
  return parsed;
}

}  // namespace

const HelmReleaseCondition* findCondition(const HelmReleaseStatus& status, ConditionType type) {
  for (const HelmReleaseCondition& condition : status.conditions) {
    if (condition.type == type) return &condition;
  }
  return nullptr;
}

nlohmann::json statusToJson(const HelmReleaseStatus& status) {
  nlohmann::json object = nlohmann::json::object();
  if (status.observedGeneration != 0) object["observedGeneration"] = status.observedGeneration;
  if (status.phase) object["phase"] = phaseName(*status.phase);
  putIfSet(object, "releaseName", status.releaseName);
  putIfSet(object, "releaseStatus", status.releaseStatus);
  putIfSet(object, "revision", status.revision);
  putIfSet(object, "lastAttemptedRevision", status.lastAttemptedRevision);
  if (status.rollbackCount != 0) object["rollbackCount"] = status.rollbackCount;
  if (!status.conditions.empty()) {
    nlohmann::json& conditions = object["conditions"] = nlohmann::json::array();
    for (const HelmReleaseCondition& condition : status.conditions) conditions.push_back(conditionToJson(condition));
  }
  putIfSet(object, "lastHandledReconcileAt", status.lastHandledReconcileAt);
  putIfSet(object, "lastHandledForceAt", status.lastHandledForceAt);
  putIfSet(object, "lastHandledResetAt", status.lastHandledResetAt);
  if (status.installFailures != 0) object["installFailures"] = status.installFailures;
  if (status.upgradeFailures != 0) object["upgradeFailures"] = status.upgradeFailures;
  return object;
}

Result<HelmReleaseStatus> parseHelmReleaseStatus(const nlohmann::json& status) {
  if (status.is_null()) return HelmReleaseStatus{};
  try {
    return parseStatus(readObject(status, "status"));
  } catch (const Failure& failure) {
    return Error{failure.what()};
  }
}

}  // namespace ho::controller
