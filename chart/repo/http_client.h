// HTTP(S) GETs for chart repositories over libcurl: basic auth or a bearer
// token, custom CA, client certificates (as files or as PEM text from a
// Secret), insecure-skip-verify, request headers, proxies from the
// environment (as Go's ProxyFromEnvironment: never for loopback hosts),
// conditional requests, bounded redirects, timeouts and a body size cap.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "chart/repo/repo_error.h"

namespace ho::chart::repo {

struct HttpOptions {
  std::string username;  // basic auth when set
  std::string password;
  std::string bearerToken;  // "Authorization: Bearer ..." when set (and no username)
  std::string caFile;
  std::string certFile;
  std::string keyFile;
  // The same TLS material as PEM text (used instead of the files when set);
  // secrets never touch the disk this way.
  std::string caPem;
  std::string certPem;
  std::string keyPem;
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
  // The final response's headers, names in lower case (a repeated header keeps its last value).
  std::map<std::string, std::string> headers;
};

// Extra request header lines ("Accept: ...").
using HeaderLines = std::vector<std::string>;

// GET `url`. A 304 is returned as a response (body empty). Errors: Unauthorized
// (401/403), HttpStatus ("failed to fetch URL : 404 Not Found"), Timeout,
// Network, TooLarge.
RepoResult<HttpResponse> httpGet(const std::string& url, const HttpOptions& options,
                                 const CacheValidators& validators = {});

// GET `url` sending `headers`; every HTTP status is a response (only transport
// failures are errors), for protocols that read 401 challenges or 404 bodies.
RepoResult<HttpResponse> httpExchange(const std::string& url, const HttpOptions& options, const HeaderLines& headers);

// The RepoError httpGet gives for a response with a non-2xx, non-304 status.
RepoError httpStatusError(const std::string& url, long status);

}  // namespace ho::chart::repo
