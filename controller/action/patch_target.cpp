// Post-renderer patch targets (kustomize's SelectorRegex and resmap Select).
#include "controller/action/patch_target.h"

#include <optional>
#include <re2/re2.h>

#include "kube/client/selectors.h"

namespace ho::controller {

struct PatchTargetMatcher::Compiled {
  // nullopt for an empty field (matches everything).
  std::optional<RE2> group, version, kind, name, namespace_;
  std::optional<kube::LabelSelector> labels, annotations;
};

namespace {

Result<void> compileField(std::optional<RE2>& slot, const std::string& expression, const std::string& field,
                          std::string_view key) {
  if (expression.empty()) return {};
  RE2::Options options;
  options.set_log_errors(false);
  if (const RE2 alone(expression, options); !alone.ok()) {
    return Error{field + ".target." + std::string(key) + ": invalid regular expression: " + alone.error()};
  }
  slot.emplace("^(?:" + expression + ")$", options);
  return {};
}

Result<void> compileSelector(std::optional<kube::LabelSelector>& slot, const std::string& text,
                             const std::string& field, std::string_view key) {
  if (text.empty()) return {};
  auto parsed = kube::LabelSelector::parse(text);
  if (!parsed) return Error{field + ".target." + std::string(key) + ": " + parsed.error().message};
  slot = std::move(parsed).value();
  return {};
}

bool fieldMatches(const std::optional<RE2>& pattern, const std::string& value) {
  return !pattern || RE2::FullMatch(value, *pattern);
}

std::string stringField(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

std::pair<std::string, std::string> splitApiVersion(const std::string& apiVersion) {
  const std::size_t slash = apiVersion.find('/');
  if (slash == std::string::npos) return {"", apiVersion};
  return {apiVersion.substr(0, slash), apiVersion.substr(slash + 1)};
}

PatchTargetMatcher::PatchTargetMatcher() : compiled_(std::make_unique<Compiled>()) {}
PatchTargetMatcher::~PatchTargetMatcher() = default;
PatchTargetMatcher::PatchTargetMatcher(PatchTargetMatcher&&) noexcept = default;
PatchTargetMatcher& PatchTargetMatcher::operator=(PatchTargetMatcher&&) noexcept = default;

Result<PatchTargetMatcher> PatchTargetMatcher::compile(const PatchTarget& target, const std::string& field) {
  PatchTargetMatcher matcher;
  Compiled& c = *matcher.compiled_;
  for (auto compiled : {compileField(c.group, target.group, field, "group"),
                        compileField(c.version, target.version, field, "version"),
                        compileField(c.kind, target.kind, field, "kind"),
                        compileField(c.name, target.name, field, "name"),
                        compileField(c.namespace_, target.namespace_, field, "namespace"),
                        compileSelector(c.labels, target.labelSelector, field, "labelSelector"),
                        compileSelector(c.annotations, target.annotationSelector, field, "annotationSelector")}) {
    if (!compiled) return compiled.error();
  }
  return matcher;
}

bool PatchTargetMatcher::matches(const nlohmann::json& object, const std::string& releaseNamespace) const {
  const Compiled& c = *compiled_;
  static const nlohmann::json noMetadata = nlohmann::json::object();
  const auto metadataField = object.find("metadata");
  const nlohmann::json& metadata =
      metadataField != object.end() && metadataField->is_object() ? *metadataField : noMetadata;
  std::string namespace_ = stringField(metadata, "namespace");
  if (namespace_.empty()) namespace_ = releaseNamespace;
  const auto [group, version] = splitApiVersion(stringField(object, "apiVersion"));
  if (!fieldMatches(c.namespace_, namespace_) || !fieldMatches(c.name, stringField(metadata, "name")) ||
      !fieldMatches(c.group, group) || !fieldMatches(c.version, version) ||
      !fieldMatches(c.kind, stringField(object, "kind"))) {
    return false;
  }
  const auto labels = metadata.find("labels");
  const auto annotations = metadata.find("annotations");
  return (!c.labels || c.labels->matches(labels == metadata.end() ? nlohmann::json() : *labels)) &&
         (!c.annotations || c.annotations->matches(annotations == metadata.end() ? nlohmann::json() : *annotations));
}

}  // namespace ho::controller
