// composeValues: reads each valuesFrom source and merges them as Flux v1 does.
#include "controller/reconciler/values_composer.h"

#include <optional>
#include <string>
#include <variant>

#include "chart/values.h"
#include "encoding/go_yaml.h"
#include "kube/client/base64_codec.h"

namespace ho::controller {
namespace {

using kube::client::ResourceType;

const ResourceType kConfigMaps{"", "v1", "configmaps", "ConfigMap", true};
const ResourceType kSecrets{"", "v1", "secrets", "Secret", true};

// The text under `key` of a ConfigMap or Secret; nullopt when the object or key is absent.
Result<std::optional<std::string>> readKey(kube::client::RestClient& client, const ResourceType& type,
                                           const std::string& ns, const KeyReference& reference, bool base64Data) {
  const std::string key = reference.keyOrDefault();
  auto object = client.get(kube::client::resourcePath(type, ns, reference.name));
  if (!object) {
    if (object.error().isNotFound()) return std::optional<std::string>{};
    return Error{object.error().message};
  }
  const nlohmann::json data = object->value("data", nlohmann::json::object());
  if (!data.is_object() || !data.contains(key) || !data[key].is_string()) return std::optional<std::string>{};
  std::string text = data[key].get<std::string>();
  if (base64Data) {
    std::optional<std::string> decoded = kube::client::base64Decode(text);
    if (!decoded) return Error{"key \"" + key + "\" is not valid base64"};
    text = std::move(*decoded);
  }
  return std::optional<std::string>{std::move(text)};
}

// The YAML of one source, nullopt for an absent optional source.
Result<std::optional<std::string>> sourceText(kube::client::RestClient& client, const HelmRelease& release,
                                              const chart::Chart& chart, const ValuesFromSource& source) {
  const std::string hrNamespace = release.namespaceOrDefault();
  auto fromObject = [&](const ResourceType& type, const KeyReference& reference,
                        const char* what, bool base64Data) -> Result<std::optional<std::string>> {
    const std::string ns = reference.namespaceOr(hrNamespace);
    auto text = readKey(client, type, ns, reference, base64Data);
    const std::string name = std::string(what) + " " + ns + "/" + reference.name;
    if (!text) return Error{name + ": " + text.error().message};
    if (!text->has_value() && !reference.optional) {
      return Error{name + ": key \"" + reference.keyOrDefault() + "\" not found"};
    }
    return std::move(text).value();
  };
  if (const auto* configMap = std::get_if<ConfigMapKeyReference>(&source)) {
    return fromObject(kConfigMaps, *configMap, "configmap", false);
  }
  if (const auto* secret = std::get_if<SecretKeyReference>(&source)) {
    return fromObject(kSecrets, *secret, "secret", true);
  }
  if (const auto* file = std::get_if<ChartFileReference>(&source)) {
    for (const std::vector<chart::File>* files : {&chart.raw, &chart.files}) {
      for (const chart::File& candidate : *files) {
        if (candidate.name == file->path) return std::optional<std::string>{candidate.data};
      }
    }
    if (file->optional) return std::optional<std::string>{};
    return Error{"chart file \"" + file->path + "\" not found"};
  }
  const auto& external = std::get<ExternalSourceReference>(source);
  if (external.optional) return std::optional<std::string>{};
  return Error{"external values source \"" + external.url + "\": not supported by this operator"};
}

}  // namespace

Result<Value> composeValues(kube::client::RestClient& client, const HelmRelease& release, const chart::Chart& chart) {
  Value merged = Value::map();
  for (const ValuesFromSource& source : release.spec.valuesFromSources()) {
    auto text = sourceText(client, release, chart, source);
    if (!text) return text.error();
    if (!text->has_value()) continue;
    auto parsed = encoding::parseYaml(**text);
    if (!parsed) return Error{"unable to parse values: " + parsed.error().message};
    if (parsed->isMap()) merged = chart::mergeMaps(merged, *parsed);
  }
  if (release.spec.values.isMap()) merged = chart::mergeMaps(merged, release.spec.values);
  return merged;
}

}  // namespace ho::controller
