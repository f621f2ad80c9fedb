// Kubeconfig merging and resolution, and the in-cluster service account.
#include "kube/client/kubeconfig.h"

#include <cstdlib>
#include <filesystem>
#include <map>

#include "core/file_bytes.h"
#include "encoding/go_yaml.h"
#include "kube/client/base64_codec.h"

namespace ho::kube::client {

namespace {

namespace fs = std::filesystem;

// A named cluster, user or context, with the directory of the file that defined it.
struct NamedEntry {
  Value fields;
  std::string baseDir;
};

struct MergedKubeconfig {
  std::map<std::string, NamedEntry> clusters, users, contexts;
  std::string currentContext;
};

std::string stringField(const Value& map, std::string_view key) {
  const Value* found = map.find(key);
  return found && found->isString() ? found->asString() : std::string();
}

bool boolField(const Value& map, std::string_view key) {
  const Value* found = map.find(key);
  return found && found->isBool() && found->asBool();
}

std::string resolvePath(const std::string& path, const std::string& baseDir) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(baseDir) / path).string();
}

// Adds the entries of one file; names already present win (first file wins).
Result<void> mergeDocument(std::string_view text, const std::string& baseDir, const std::string& origin,
                           MergedKubeconfig& merged) {
  auto parsed = encoding::parseYamlAny(text);
  if (!parsed) return Error{"error loading config file \"" + origin + "\": " + parsed.error().message};
  if (parsed->isNil()) return {};
  if (!parsed->isMap()) return Error{"error loading config file \"" + origin + "\": not a kubeconfig"};
  const auto addNamed = [&](std::string_view listKey, std::string_view fieldKey,
                            std::map<std::string, NamedEntry>& into) {
    const Value* list = parsed->find(listKey);
    if (!list || !list->isList()) return;
    for (const Value& item : list->asList()) {
      if (!item.isMap()) continue;
      const std::string name = stringField(item, "name");
      const Value* fields = item.find(fieldKey);
      if (name.empty() || into.count(name)) continue;
      into.emplace(name, NamedEntry{fields ? *fields : Value::map(), baseDir});
    }
  };
  addNamed("clusters", "cluster", merged.clusters);
  addNamed("users", "user", merged.users);
  addNamed("contexts", "context", merged.contexts);
  if (merged.currentContext.empty()) merged.currentContext = stringField(*parsed, "current-context");
  return {};
}

// `inline` data (base64) wins over a file path, as in client-go.
Result<std::string> dataOrFile(const NamedEntry& entry, std::string_view dataKey, std::string_view fileKey) {
  if (const std::string data = stringField(entry.fields, dataKey); !data.empty()) {
    auto decoded = base64Decode(data);
    if (!decoded) return Error{"illegal base64 data in " + std::string(dataKey)};
    return *decoded;
  }
  const std::string path = resolvePath(stringField(entry.fields, fileKey), entry.baseDir);
  if (path.empty()) return std::string();
  auto content = readFileBytes(path);
  if (!content) return Error{"unable to read " + std::string(fileKey) + " " + path};
  return *content;
}

Result<RestConfig> resolve(const MergedKubeconfig& merged, std::string_view contextOverride) {
  const std::string contextName = contextOverride.empty() ? merged.currentContext : std::string(contextOverride);
  if (contextName.empty()) return Error{"invalid configuration: no configuration has been provided"};
  const auto context = merged.contexts.find(contextName);
  if (context == merged.contexts.end()) return Error{"context \"" + contextName + "\" does not exist"};
  const std::string clusterName = stringField(context->second.fields, "cluster");
  const auto cluster = merged.clusters.find(clusterName);
  if (cluster == merged.clusters.end()) {
    return Error{"invalid configuration: context \"" + contextName + "\" refers to cluster \"" + clusterName +
                 "\", which does not exist"};
  }
  RestConfig config;
  config.server = stringField(cluster->second.fields, "server");
  if (config.server.empty()) return Error{"invalid configuration: no server found for cluster \"" + clusterName + "\""};
  config.insecureSkipTlsVerify = boolField(cluster->second.fields, "insecure-skip-tls-verify");
  config.tlsServerName = stringField(cluster->second.fields, "tls-server-name");
  auto ca = dataOrFile(cluster->second, "certificate-authority-data", "certificate-authority");
  if (!ca) return ca.error();
  config.caPem = std::move(*ca);
  if (const std::string ns = stringField(context->second.fields, "namespace"); !ns.empty()) config.namespace_ = ns;

  const std::string userName = stringField(context->second.fields, "user");
  const auto user = merged.users.find(userName);
  if (user == merged.users.end()) return config;  // anonymous, as client-go allows
  auto cert = dataOrFile(user->second, "client-certificate-data", "client-certificate");
  if (!cert) return cert.error();
  auto key = dataOrFile(user->second, "client-key-data", "client-key");
  if (!key) return key.error();
  config.clientCertPem = std::move(*cert);
  config.clientKeyPem = std::move(*key);
  config.bearerToken = stringField(user->second.fields, "token");
  config.tokenFile = resolvePath(stringField(user->second.fields, "tokenFile"), user->second.baseDir);
  config.username = stringField(user->second.fields, "username");
  config.password = stringField(user->second.fields, "password");
  return config;
}

std::string homeKubeconfig() {
  const char* home = std::getenv("HOME");
  return home ? (fs::path(home) / ".kube" / "config").string() : std::string();
}

}  // namespace

std::vector<std::string> kubeconfigPathsFromEnvironment() {
  std::vector<std::string> paths;
  const char* value = std::getenv("KUBECONFIG");
  if (!value) return paths;
  std::string_view rest(value);
  while (!rest.empty()) {
    const size_t colon = rest.find(':');
    const std::string_view part = rest.substr(0, colon);
    if (!part.empty()) paths.emplace_back(part);
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return paths;
}

Result<RestConfig> loadKubeconfig(const KubeconfigSelection& selection) {
  MergedKubeconfig merged;
  for (const std::string& path : selection.paths) {
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;  // as kubectl: files named but absent are skipped
    auto text = readFileBytes(path);
    if (!text) return Error{"error loading config file \"" + path + "\": it cannot be read as a file"};
    const std::string baseDir = fs::absolute(path).parent_path().string();
    if (auto added = mergeDocument(*text, baseDir, path, merged); !added) return added.error();
  }
  return resolve(merged, selection.context);
}

Result<RestConfig> kubeconfigFromText(std::string_view yaml, std::string_view context, const std::string& baseDir) {
  MergedKubeconfig merged;
  if (auto added = mergeDocument(yaml, baseDir, "<inline>", merged); !added) return added.error();
  return resolve(merged, context);
}

Result<RestConfig> inClusterConfig(const std::string& accountDir) {
  const char* host = std::getenv("KUBERNETES_SERVICE_HOST");
  const char* port = std::getenv("KUBERNETES_SERVICE_PORT");
  if (!host || !port || !*host || !*port) {
    return Error{"unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined"};
  }
  RestConfig config;
  const std::string hostText(host);
  const bool ipv6 = hostText.find(':') != std::string::npos;
  config.server = "https://" + (ipv6 ? "[" + hostText + "]" : hostText) + ":" + port;
  config.tokenFile = (fs::path(accountDir) / "token").string();
  auto token = readFileBytes(config.tokenFile);
  if (!token) return token.error();
  if (auto ca = readFileBytes((fs::path(accountDir) / "ca.crt").string())) config.caPem = *ca;
  if (auto ns = readFileBytes((fs::path(accountDir) / "namespace").string())) {
    while (!ns->empty() && std::isspace(static_cast<unsigned char>(ns->back()))) ns->pop_back();
    if (!ns->empty()) config.namespace_ = *ns;
  }
  return config;
}

Result<RestConfig> defaultRestConfig(const std::string& explicitPath, const std::string& context) {
  if (!explicitPath.empty()) {
    if (!fs::exists(explicitPath)) return Error{"stat " + explicitPath + ": no such file or directory"};
    return loadKubeconfig({{explicitPath}, context});
  }
  if (auto paths = kubeconfigPathsFromEnvironment(); !paths.empty()) return loadKubeconfig({paths, context});
  if (std::getenv("KUBERNETES_SERVICE_HOST")) return inClusterConfig();
  const std::string home = homeKubeconfig();
  if (!home.empty() && fs::exists(home)) return loadKubeconfig({{home}, context});
  return Error{"invalid configuration: no configuration has been provided"};
}

}  // namespace ho::kube::client
