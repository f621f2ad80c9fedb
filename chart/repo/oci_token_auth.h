// The registry token flow (Docker/OCI distribution "token authentication"): a
// registry that wants a token answers 401 with
//   WWW-Authenticate: Bearer realm="https://auth/token",service="reg",scope="repository:charts/app:pull"
// and the client asks the realm for a token (with its basic credentials when
// it has some, anonymously otherwise), then repeats the request with
// "Authorization: Bearer TOKEN".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "chart/repo/http_client.h"

namespace ho::chart::repo {

struct BearerChallenge {
  std::string realm;
  std::string service;
  std::string scope;
};

// The parameters of a Bearer challenge (the scheme is case-insensitive, values
// quoted or bare); nullopt for any other scheme or a challenge without a realm.
std::optional<BearerChallenge> parseBearerChallenge(std::string_view header);

// GETs realm?service=...&scope=... with `credentials` (its TLS settings, and
// basic auth when it has a username) and returns the "token" (or
// "access_token") of the JSON answer. Errors name the realm, never a secret.
RepoResult<std::string> requestBearerToken(const BearerChallenge& challenge, const HttpOptions& credentials);

}  // namespace ho::chart::repo
