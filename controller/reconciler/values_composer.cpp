// composeValues: reads each valuesFrom source and merges them as Flux v1 does.
#include "controller/reconciler/values_composer.h"

#include <utility>
#include <variant>

#include "chart/repo/http_client.h"
#include "chart/values.h"
#include "encoding/go_yaml.h"
#include "kube/client/base64_codec.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using kube::client::ResourceType;
using SourceText = Result<std::optional<std::string>>;

using kube::client::kConfigMaps;
using kube::client::kSecrets;

// One valuesFrom source: what it is called in errors, whether it may be
// skipped, and how its text is read.
struct ResolvedSource {
  std::string description;
  bool optional = false;
  std::function<SourceText()> read;
};

SourceText fetchUrl(const std::string& url) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    return Error{"only http and https URLs are supported"};
  }
  // Bounded like a chart fetch, so an unreachable values URL holds a worker for seconds, not minutes.
  chart::repo::HttpOptions options;
  options.timeout = std::chrono::seconds(30);
  options.connectTimeout = std::chrono::seconds(10);
  auto response = chart::repo::httpGet(url, options);
  if (!response) return Error{response.error().message};
  return std::optional<std::string>{std::move(response->body)};
}

SourceText chartFile(const chart::Chart& chart, const std::string& path) {
  for (const std::vector<chart::File>* files : {&chart.raw, &chart.files}) {
    for (const chart::File& candidate : *files) {
      if (candidate.name == path) return std::optional<std::string>{candidate.data};
    }
  }
  return std::optional<std::string>{};
}

ResolvedSource resolve(const HelmRelease& release, const chart::Chart& chart, const ValuesKeyReader& readKey,
                       const ValuesFromSource& source) {
  const std::string hrNamespace = release.namespaceOrDefault();
  auto fromObject = [&](ValuesObjectKind kind, const KeyReference& reference, const char* what) {
    const std::string ns = reference.namespaceOr(hrNamespace);
    const std::string key = reference.keyOrDefault();
    return ResolvedSource{std::string(what) + " " + ns + "/" + reference.name + ": key \"" + key + "\"",
                          reference.optional,
                          [&readKey, kind, ns, name = reference.name, key] { return readKey(kind, ns, name, key); }};
  };
  if (const auto* configMap = std::get_if<ConfigMapKeyReference>(&source)) {
    return fromObject(ValuesObjectKind::ConfigMap, *configMap, "configmap");
  }
  if (const auto* secret = std::get_if<SecretKeyReference>(&source)) {
    return fromObject(ValuesObjectKind::Secret, *secret, "secret");
  }
  if (const auto* file = std::get_if<ChartFileReference>(&source)) {
    return ResolvedSource{"chart file \"" + file->path + "\"", file->optional,
                          [&chart, path = file->path] { return chartFile(chart, path); }};
  }
  const auto& external = std::get<ExternalSourceReference>(source);
  return ResolvedSource{"external values source \"" + external.url + "\"", external.optional,
                        [url = external.url] { return fetchUrl(url); }};
}

// The text under `key` of a ConfigMap or Secret in the cluster.
SourceText readClusterKey(kube::client::RestClient& client, ValuesObjectKind kind, const std::string& ns,
                          const std::string& name, const std::string& key) {
  const bool secret = kind == ValuesObjectKind::Secret;
  auto object = client.get(kube::client::resourcePath(secret ? kSecrets : kConfigMaps, ns, name));
  if (!object) {
    if (object.error().isNotFound()) return std::optional<std::string>{};
    return Error{object.error().message};
  }
  const nlohmann::json data = object->value("data", nlohmann::json::object());
  if (!data.is_object() || !data.contains(key) || !data[key].is_string()) return std::optional<std::string>{};
  std::string text = data[key].get<std::string>();
  if (!secret) return std::optional<std::string>{std::move(text)};
  std::optional<std::string> decoded = kube::client::base64Decode(text);
  if (!decoded) return Error{"not valid base64"};
  return std::optional<std::string>{std::move(*decoded)};
}

}  // namespace

Result<Value> composeValues(const HelmRelease& release, const chart::Chart& chart, const ValuesKeyReader& readKey) {
  Value merged = Value::map();
  for (const ValuesFromSource& entry : release.spec.valuesFromSources()) {
    const ResolvedSource source = resolve(release, chart, readKey, entry);
    SourceText text = source.read();
    if (!text) {
      if (source.optional) continue;
      return Error{source.description + ": " + text.error().message};
    }
    if (!text->has_value()) {
      if (source.optional) continue;
      return Error{source.description + " not found"};
    }
    auto parsed = encoding::parseYaml(**text);
    if (!parsed) {
      if (source.optional) continue;
      return Error{source.description + ": unable to parse values: " + parsed.error().message};
    }
    if (parsed->isMap()) merged = chart::mergeMaps(merged, *parsed);
  }
  if (release.spec.values.isMap()) merged = chart::mergeMaps(merged, release.spec.values);
  return merged;
}

Result<Value> composeValues(kube::client::RestClient& client, const HelmRelease& release, const chart::Chart& chart,
                            SecretRedactor* secretsRead) {
  return composeValues(release, chart,
                       [&client, secretsRead](ValuesObjectKind kind, const std::string& ns, const std::string& name,
                                              const std::string& key) {
                         SourceText text = readClusterKey(client, kind, ns, name, key);
                         if (secretsRead && kind == ValuesObjectKind::Secret && text && text->has_value()) {
                           secretsRead->addSecretText(**text);
                         }
                         return text;
                       });
}

}  // namespace ho::controller
