// HTTP(S) GETs for chart repositories over libcurl: basic auth or a bearer
// token, custom CA, client certificates, insecure-skip-verify, proxies from the
// environment (as Go's ProxyFromEnvironment: never for loopback hosts),
// conditional requests, bounded redirects, timeouts and a body size cap.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "chart/repo/repo_error.h"

namespace ho::chart::repo {

struct HttpOptions {
  std::string username;  // basic auth when set
  std::string password;
  std::string bearerToken;  // "Authorization: Bearer ..." when set (and no username)
  std::string caFile;
  std::string certFile;
  std::string keyFile;
  bool insecureSkipTlsVerify = false;
  // Keep sending credentials when a redirect leaves the original host.
  bool passCredentialsAll = false;
  std::chrono::milliseconds timeout{120000};        // the whole request
  std::chrono::milliseconds connectTimeout{30000};  // the TCP and TLS handshake
  long maxRedirects = 10;
  std::size_t maxBodyBytes = 512u * 1024 * 1024;
  std::string userAgent = "Helm/3.17.3 (helm-operator)";
};

// Validators from a previous response, sent as If-None-Match / If-Modified-Since.
struct CacheValidators {
  std::string etag;
  std::string lastModified;
};

struct HttpResponse {
  long status = 0;  // 2xx or 304; other statuses are errors
  std::string body;
  CacheValidators validators;  // from the ETag and Last-Modified headers
  std::string effectiveUrl;    // after redirects
};

// GET `url`. A 304 is returned as a response (body empty). Errors: Unauthorized
// (401/403), HttpStatus ("failed to fetch URL : 404 Not Found"), Timeout,
// Network, TooLarge.
RepoResult<HttpResponse> httpGet(const std::string& url, const HttpOptions& options,
                                 const CacheValidators& validators = {});

}  // namespace ho::chart::repo
