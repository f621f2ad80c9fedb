// chartPullSecret: Secret data to HttpOptions, with PEM checks over OpenSSL.
#include "controller/reconciler/chart_pull_secret.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

#include "kube/client/base64_codec.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using SecretData = std::map<std::string, std::string>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

Bio memoryBio(const std::string& pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
}

// At least one certificate, and nothing after the last one that fails to parse as one.
bool isCertificatePem(const std::string& pem) {
  Bio bio = memoryBio(pem);
  int certificates = 0;
  while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    X509_free(certificate);
    ++certificates;
  }
  ERR_clear_error();  // the read that ended the loop leaves an error behind
  return certificates > 0;
}

bool isPrivateKeyPem(const std::string& pem) {
  Bio bio = memoryBio(pem);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  ERR_clear_error();
  if (key == nullptr) return false;
  EVP_PKEY_free(key);
  return true;
}

// The value of the first of `keys` present in `data`, and which key it was.
std::pair<std::string, std::string> firstOf(const SecretData& data, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (auto found = data.find(key); found != data.end()) return {key, found->second};
  }
  return {};
}

// Fills `http` from the Secret's data; "" or what is wrong (without values).
std::string credentialsFrom(const SecretData& data, chart::repo::HttpOptions& http) {
  const auto username = data.find("username");
  const auto password = data.find("password");
  if ((username == data.end()) != (password == data.end())) {
    return "has key \"" + std::string(username == data.end() ? "password" : "username") + "\" but no key \"" +
           (username == data.end() ? "username" : "password") + "\"";
  }
  if (username != data.end()) {
    http.username = username->second;
    http.password = password->second;
  }
  if (auto token = data.find("token"); token != data.end()) http.bearerToken = token->second;

  const auto [caKey, ca] = firstOf(data, {"ca.crt", "caFile"});
  if (!caKey.empty() && !isCertificatePem(ca)) return "key \"" + caKey + "\" is not a PEM certificate";
  http.caPem = ca;
  const auto [certKey, cert] = firstOf(data, {"tls.crt", "certFile"});
  const auto [keyKey, key] = firstOf(data, {"tls.key", "keyFile"});
  if (certKey.empty() != keyKey.empty()) {
    return certKey.empty() ? "has key \"" + keyKey + "\" but no client certificate (key \"tls.crt\" or \"certFile\")"
                           : "has key \"" + certKey + "\" but no private key (key \"tls.key\" or \"keyFile\")";
  }
  if (!certKey.empty() && !isCertificatePem(cert)) return "key \"" + certKey + "\" is not a PEM certificate";
  if (!keyKey.empty() && !isPrivateKeyPem(key)) return "key \"" + keyKey + "\" is not a PEM private key";
  http.certPem = cert;
  http.keyPem = key;
  if (http.username.empty() && http.bearerToken.empty() && http.caPem.empty() && http.certPem.empty()) {
    return "has none of the keys username/password, token, ca.crt, tls.crt/tls.key (or caFile, certFile/keyFile)";
  }
  return "";
}

}  // namespace

Result<std::map<std::string, std::string>> readSecretData(kube::client::RestClient& client, const std::string& ns,
                                                          const std::string& name, const std::string& field) {
  auto secret = client.get(kube::client::resourcePath(kube::client::kSecrets, ns, name));
  if (!secret) return Error{"reading " + field + " secret " + ns + "/" + name + ": " + secret.error().message};
  SecretData data;
  const nlohmann::json encoded = secret->value("data", nlohmann::json::object());  // items() must not outlive it
  for (const auto& [key, value] : encoded.items()) {
    if (!value.is_string()) continue;
    auto decoded = kube::client::base64Decode(value.get<std::string>());
    if (decoded) data[key] = std::move(*decoded);
  }
  return data;
}

Result<void> addChartPullCredentials(kube::client::RestClient& client, const HelmRelease& release,
                                     chart::repo::HttpOptions& http, SecretRedactor* secretsRead) {
  const std::optional<LocalObjectReference>& reference = release.spec.chart.chartPullSecret;
  if (!reference || reference->name.empty()) return {};
  const std::string ns = release.namespaceOrDefault();
  auto data = readSecretData(client, ns, reference->name, "spec.chart.chartPullSecret");
  if (!data) return data.error();
  if (secretsRead) {
    for (const char* key : {"password", "token", "tls.key", "keyFile"}) {
      if (auto found = data->find(key); found != data->end()) secretsRead->addSecretText(found->second);
    }
  }
  if (std::string problem = credentialsFrom(*data, http); !problem.empty()) {
    return Error{"spec.chart.chartPullSecret secret " + ns + "/" + reference->name + " " + problem};
  }
  return {};
}

}  // namespace ho::controller
