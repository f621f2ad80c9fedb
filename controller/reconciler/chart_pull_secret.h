// Reading the Secrets spec.chart names: the decoded data of a Secret, and the
// chart repository credentials of spec.chart.chartPullSecret, with the key
// names Flux v2 users know: username/password (basic auth), token (bearer),
// ca.crt or caFile (a CA bundle), tls.crt/tls.key or certFile/keyFile (a
// client certificate). Certificates and keys are checked as PEM here so a
// broken Secret is reported by name and key, never by content.
#pragma once

#include <map>
#include <string>

#include "chart/repo/http_client.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/reconciler/secret_redactor.h"
#include "core/error.h"
#include "kube/client/rest_client.h"

namespace ho::controller {

// The data of Secret `ns`/`name`, base64-decoded. `field` says who asked
// ("spec.chart.secretRef") in the error when the Secret cannot be read.
Result<std::map<std::string, std::string>> readSecretData(kube::client::RestClient& client, const std::string& ns,
                                                          const std::string& name, const std::string& field);

// Adds the credentials of `release`'s chartPullSecret (when it names one) to
// `http`; its password, token and private key are remembered by `secretsRead`
// (when given) so no message can carry them. Errors name the Secret and key.
Result<void> addChartPullCredentials(kube::client::RestClient& client, const HelmRelease& release,
                                     chart::repo::HttpOptions& http, SecretRedactor* secretsRead);

}  // namespace ho::controller
