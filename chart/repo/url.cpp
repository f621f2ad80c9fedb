// URL resolution with curl_url (RFC 3986).
#include "chart/repo/url.h"

#include <curl/curl.h>

#include <memory>

namespace ho::chart::repo {
namespace {

using UrlPtr = std::unique_ptr<CURLU, decltype(&curl_url_cleanup)>;

std::string part(CURLU* url, CURLUPart which, unsigned flags = 0) {
  char* text = nullptr;
  if (curl_url_get(url, which, &text, flags) != CURLUE_OK || text == nullptr) return "";
  std::string out = text;
  curl_free(text);
  return out;
}

}  // namespace

std::string resolveReferenceUrl(std::string_view repoUrl, std::string_view reference) {
  std::string ref(reference);
  UrlPtr url(curl_url(), curl_url_cleanup);
  std::string base(repoUrl);
  if (curl_url_set(url.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return ref;
  std::string query = part(url.get(), CURLUPART_QUERY);
  std::string path = part(url.get(), CURLUPART_PATH);
  if (!path.ends_with('/')) curl_url_set(url.get(), CURLUPART_PATH, (path + "/").c_str(), 0);
  curl_url_set(url.get(), CURLUPART_QUERY, nullptr, 0);
  if (curl_url_set(url.get(), CURLUPART_URL, ref.c_str(), 0) != CURLUE_OK) return ref;
  bool relative = ref.find("://") == std::string::npos;
  if (relative && !query.empty() && part(url.get(), CURLUPART_QUERY).empty()) {
    curl_url_set(url.get(), CURLUPART_QUERY, query.c_str(), 0);
  }
  return part(url.get(), CURLUPART_URL);
}

std::string urlAuthority(std::string_view text) {
  UrlPtr url(curl_url(), curl_url_cleanup);
  if (curl_url_set(url.get(), CURLUPART_URL, std::string(text).c_str(), 0) != CURLUE_OK) return "";
  return part(url.get(), CURLUPART_HOST) + ":" + part(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
}

std::string indexUrl(std::string_view repoUrl) {
  while (repoUrl.ends_with('/')) repoUrl.remove_suffix(1);
  return std::string(repoUrl) + "/index.yaml";
}

}  // namespace ho::chart::repo
