// libcurl easy handles, one per request (thread-safe: nothing is shared but the
// one-time global initialisation).
#include "chart/repo/http_client.h"

#include <curl/curl.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>

namespace ho::chart::repo {
namespace {

using CurlPtr = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

struct Transfer {
  std::string body;
  std::size_t maxBodyBytes = 0;
  bool tooLarge = false;
  std::map<std::string, std::string> headers;  // of the latest response, names lower-cased
};

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  std::size_t bytes = size * count;
  if (transfer.body.size() + bytes > transfer.maxBodyBytes) {
    transfer.tooLarge = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  transfer.body.append(data, bytes);
  return bytes;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Header lines of every response in a redirect chain arrive here; a status line
// starts a new response, so only the final one's headers remain.
std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) transfer.headers.clear();
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return size * count;
  std::string name(line.substr(0, colon));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  transfer.headers[name] = trim(line.substr(colon + 1));
  return size * count;
}

CacheValidators validatorsOf(const std::map<std::string, std::string>& headers) {
  CacheValidators validators;
  if (auto etag = headers.find("etag"); etag != headers.end()) validators.etag = etag->second;
  if (auto modified = headers.find("last-modified"); modified != headers.end()) {
    validators.lastModified = modified->second;
  }
  return validators;
}

const char* environment(const char* lower, const char* upper) {
  const char* value = std::getenv(lower);
  if (value == nullptr || *value == '\0') value = std::getenv(upper);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

// Go's ProxyFromEnvironment reads HTTP_PROXY/HTTPS_PROXY in either case and never
// proxies loopback addresses; curl ignores upper-case HTTP_PROXY and proxies
// anything, so the proxy and no-proxy list are set explicitly.
void configureProxy(CURL* curl, const std::string& url) {
  bool https = url.starts_with("https:");
  const char* proxy = https ? environment("https_proxy", "HTTPS_PROXY") : environment("http_proxy", "HTTP_PROXY");
  curl_easy_setopt(curl, CURLOPT_PROXY, proxy ? proxy : "");
  std::string noProxy = "localhost,127.0.0.1,::1";
  if (const char* extra = environment("no_proxy", "NO_PROXY")) noProxy = std::string(extra) + "," + noProxy;
  curl_easy_setopt(curl, CURLOPT_NOPROXY, noProxy.c_str());
}

// Hands PEM text to libcurl, which copies it (CURL_BLOB_COPY).
void setPem(CURL* curl, CURLoption option, const std::string& pem) {
  curl_blob blob{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
  curl_easy_setopt(curl, option, &blob);
}

void configureTls(CURL* curl, const HttpOptions& options) {
  if (!options.caPem.empty()) {
    setPem(curl, CURLOPT_CAINFO_BLOB, options.caPem);
  } else if (!options.caFile.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, options.caFile.c_str());
  }
  if (!options.certPem.empty()) {
    setPem(curl, CURLOPT_SSLCERT_BLOB, options.certPem);
    curl_easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM");
  } else if (!options.certFile.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSLCERT, options.certFile.c_str());
  }
  if (!options.keyPem.empty()) {
    setPem(curl, CURLOPT_SSLKEY_BLOB, options.keyPem);
    curl_easy_setopt(curl, CURLOPT_SSLKEYTYPE, "PEM");
  } else if (!options.keyFile.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSLKEY, options.keyFile.c_str());
  }
  if (options.insecureSkipTlsVerify) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
}

void configureAuth(CURL* curl, const HttpOptions& options) {
  if (!options.username.empty() || !options.password.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERNAME, options.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options.password.c_str());
  } else if (!options.bearerToken.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
    curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, options.bearerToken.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_UNRESTRICTED_AUTH, options.passCredentialsAll ? 1L : 0L);
}

RepoError transportError(CURLcode code, const std::string& url, const char* detail, bool tooLarge,
                         std::size_t maxBodyBytes) {
  std::string reason = *detail ? detail : curl_easy_strerror(code);
  std::string prefix = "failed to fetch " + url + " : ";
  if (tooLarge) {
    return RepoError{RepoErrorKind::TooLarge, prefix + "response is larger than " + std::to_string(maxBodyBytes) + " bytes"};
  }
  if (code == CURLE_OPERATION_TIMEDOUT) return RepoError{RepoErrorKind::Timeout, prefix + reason};
  return RepoError{RepoErrorKind::Network, prefix + reason};
}

// Go's http.StatusText for the statuses a repository answers with.
std::string statusText(long status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

}  // namespace

RepoResult<HttpResponse> httpExchange(const std::string& url, const HttpOptions& options,
                                      const HeaderLines& headerLines) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  CurlPtr curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return RepoError{RepoErrorKind::Network, "failed to fetch " + url + " : cannot create a curl handle"};
  Transfer transfer;
  transfer.maxBodyBytes = options.maxBodyBytes;
  char errorBuffer[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorBuffer);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, options.maxRedirects);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connectTimeout.count()));
  curl_easy_setopt(c, CURLOPT_USERAGENT, options.userAgent.c_str());
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip-compressed indexes are welcome
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
  configureProxy(c, url);
  configureTls(c, options);
  configureAuth(c, options);

  HeaderList headers(nullptr, curl_slist_free_all);
  for (const std::string& line : headerLines) headers.reset(curl_slist_append(headers.release(), line.c_str()));
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

  CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) return transportError(code, url, errorBuffer, transfer.tooLarge, options.maxBodyBytes);

  HttpResponse response;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  char* effective = nullptr;
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective);
  response.effectiveUrl = effective ? effective : url;
  response.body = std::move(transfer.body);
  response.validators = validatorsOf(transfer.headers);
  response.headers = std::move(transfer.headers);
  return response;
}

RepoError httpStatusError(const std::string& url, long status) {
  std::string message = "failed to fetch " + url + " : " + std::to_string(status);
  if (auto text = statusText(status); !text.empty()) message += " " + text;
  bool denied = status == 401 || status == 403;
  return RepoError{denied ? RepoErrorKind::Unauthorized : RepoErrorKind::HttpStatus, message, static_cast<int>(status)};
}

RepoResult<HttpResponse> httpGet(const std::string& url, const HttpOptions& options,
                                 const CacheValidators& validators) {
  HeaderLines conditional;
  if (!validators.etag.empty()) conditional.push_back("If-None-Match: " + validators.etag);
  if (!validators.lastModified.empty()) conditional.push_back("If-Modified-Since: " + validators.lastModified);
  auto response = httpExchange(url, options, conditional);
  if (!response) return response.error();
  if (response->status == 304) response->body.clear();
  if (response->status == 304 || (response->status >= 200 && response->status < 300)) return response;
  return httpStatusError(url, response->status);
}

}  // namespace ho::chart::repo
