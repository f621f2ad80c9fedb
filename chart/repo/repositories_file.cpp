// Reading repositories.yaml and Helm's default paths.
#include "chart/repo/repositories_file.h"

#include <cstdlib>

#include "chart/repo/cache_files.h"
#include "encoding/go_yaml.h"

namespace ho::chart::repo {
namespace {

std::string stringField(const Value& entry, std::string_view key) {
  const Value* v = entry.find(key);
  return v && v->isString() ? v->asString() : "";
}

bool boolField(const Value& entry, std::string_view key) {
  const Value* v = entry.find(key);
  return v && v->isBool() && v->asBool();
}

// $ENV, else $XDG_VAR/suffix, else $HOME/fallback/suffix.
std::string helmPath(const char* env, const char* xdgVar, const char* homeFallback, const char* suffix) {
  if (const char* direct = std::getenv(env); direct && *direct) return direct;
  if (const char* xdg = std::getenv(xdgVar); xdg && *xdg) return std::string(xdg) + "/" + suffix;
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "") + "/" + homeFallback + "/" + suffix;
}

}  // namespace

RepoResult<std::vector<RepositoryConfig>> loadRepositoriesFile(const std::string& path) {
  auto text = readCacheFile(path);
  if (!text) return std::vector<RepositoryConfig>{};
  auto root = encoding::parseYamlTyped(*text);
  if (!root) return RepoError{RepoErrorKind::Io, "couldn't load repositories file (" + path + "): " + root.error().message};
  std::vector<RepositoryConfig> repositories;
  const Value* list = root->find("repositories");
  if (list == nullptr || !list->isList()) return repositories;
  for (const Value& entry : list->asList()) {
    if (!entry.isMap()) continue;
    RepositoryConfig config;
    config.name = stringField(entry, "name");
    config.url = stringField(entry, "url");
    config.http.username = stringField(entry, "username");
    config.http.password = stringField(entry, "password");
    config.http.caFile = stringField(entry, "caFile");
    config.http.certFile = stringField(entry, "certFile");
    config.http.keyFile = stringField(entry, "keyFile");
    config.http.insecureSkipTlsVerify = boolField(entry, "insecure_skip_tls_verify");
    config.http.passCredentialsAll = boolField(entry, "pass_credentials_all");
    repositories.push_back(std::move(config));
  }
  return repositories;
}

std::optional<RepositoryConfig> findRepository(const std::vector<RepositoryConfig>& repositories,
                                               std::string_view name) {
  for (const auto& config : repositories) {
    if (config.name == name) return config;
  }
  return std::nullopt;
}

std::string defaultRepositoryConfigPath() {
  return helmPath("HELM_REPOSITORY_CONFIG", "XDG_CONFIG_HOME", ".config", "helm/repositories.yaml");
}

std::string defaultRepositoryCachePath() {
  return helmPath("HELM_REPOSITORY_CACHE", "XDG_CACHE_HOME", ".cache", "helm/repository");
}

}  // namespace ho::chart::repo
