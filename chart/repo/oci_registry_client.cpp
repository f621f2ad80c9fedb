// Tag lists, manifests and blobs over libcurl (http_client.h).
#include "chart/repo/oci_registry_client.h"

#include <nlohmann/json.hpp>

#include "chart/repo/digest.h"
#include "chart/repo/oci_token_auth.h"
#include "chart/repo/url.h"

namespace ho::chart::repo {
namespace {

constexpr int kMaxTagPages = 1000;  // a Link loop must end somewhere
constexpr std::string_view kManifestAccept =
    "Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";

// The target of `Link: <URL>; rel="next"`, or "" when there is none.
std::string nextPageLink(const HttpResponse& response) {
  const auto link = response.headers.find("link");
  if (link == response.headers.end() || link->second.find("rel=\"next\"") == std::string::npos) return "";
  const auto open = link->second.find('<');
  const auto close = link->second.find('>', open);
  if (open == std::string::npos || close == std::string::npos) return "";
  return link->second.substr(open + 1, close - open - 1);
}

RepoError invalidAnswer(const std::string& url, const std::string& why) {
  return RepoError{RepoErrorKind::InvalidIndex, "unexpected answer from " + url + ": " + why};
}

}  // namespace

OciRegistryClient::OciRegistryClient(OciReference reference, HttpOptions http)
    : reference_(std::move(reference)), http_(std::move(http)) {}

RepoResult<HttpResponse> OciRegistryClient::get(const std::string& url, const HeaderLines& headers) {
  HttpOptions options = http_;
  if (!token_.empty()) {
    options.username.clear();
    options.password.clear();
    options.bearerToken = token_;
  }
  auto response = httpExchange(url, options, headers);
  if (!response) return response.error();
  if (response->status == 401 && token_.empty()) {
    const auto challenge = response->headers.find("www-authenticate");
    if (challenge != response->headers.end()) {
      if (auto bearer = parseBearerChallenge(challenge->second)) {
        auto token = requestBearerToken(*bearer, http_);
        if (!token) return token.error();
        token_ = std::move(*token);
        return get(url, headers);
      }
    }
  }
  if (response->status < 200 || response->status >= 300) return httpStatusError(url, response->status);
  return response;
}

RepoResult<std::vector<std::string>> OciRegistryClient::listTags() {
  std::vector<std::string> tags;
  std::string url = reference_.apiBase() + "/tags/list";
  for (int page = 0; page < kMaxTagPages && !url.empty(); ++page) {
    auto response = get(url, {"Accept: application/json"});
    if (!response) return response.error();
    const auto answer = nlohmann::json::parse(response->body, nullptr, false);
    if (!answer.is_object()) return invalidAnswer(url, "the tag list is not a JSON object");
    const auto found = answer.find("tags");
    if (found != answer.end() && found->is_array()) {
      for (const auto& tag : *found) {
        if (tag.is_string()) tags.push_back(tag.get<std::string>());
      }
    }
    const std::string next = nextPageLink(*response);
    url = next.empty() ? "" : resolveReferenceUrl(reference_.origin() + "/", next);
  }
  return tags;
}

RepoResult<std::string> OciRegistryClient::chartLayerDigest(std::string_view tag) {
  const std::string url = reference_.apiBase() + "/manifests/" + std::string(tag);
  auto response = get(url, {std::string(kManifestAccept)});
  if (!response) {
    RepoError error = response.error();
    if (error.httpStatus == 404) {
      error.kind = RepoErrorKind::VersionNotFound;
      error.message = reference_.registry + "/" + reference_.repository + ":" + std::string(tag) + ": not found";
    }
    return error;
  }
  const auto manifest = nlohmann::json::parse(response->body, nullptr, false);
  if (!manifest.is_object()) return invalidAnswer(url, "the manifest is not a JSON object");
  const auto layers = manifest.find("layers");
  if (layers != manifest.end() && layers->is_array()) {
    for (const auto& layer : *layers) {
      if (!layer.is_object()) continue;
      const std::string mediaType = layer.value("mediaType", "");
      if (mediaType == kHelmChartLayerMediaType || mediaType == kLegacyChartLayerMediaType) {
        const std::string digest = layer.value("digest", "");
        if (!digest.starts_with("sha256:")) return invalidAnswer(url, "the chart layer has no sha256 digest");
        return digest;
      }
    }
  }
  return invalidAnswer(url, "the manifest has no layer of media type " + std::string(kHelmChartLayerMediaType) +
                                " (is it a Helm chart?)");
}

RepoResult<std::string> OciRegistryClient::blob(std::string_view digest) {
  const std::string url = reference_.apiBase() + "/blobs/" + std::string(digest);
  auto response = get(url, {});
  if (!response) return response.error();
  const std::string actual = sha256Hex(response->body);
  if (!digestMatches(digest, actual)) {
    return RepoError{RepoErrorKind::DigestMismatch,
                     "blob " + url + " has digest sha256:" + actual + " but " + std::string(digest) + " was asked for"};
  }
  return std::move(response->body);
}

}  // namespace ho::chart::repo
