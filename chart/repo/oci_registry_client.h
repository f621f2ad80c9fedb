// The parts of the OCI distribution API (registry HTTP API v2) a chart pull
// needs, for one repository: its tags (every page of the Link-paginated
// list), the chart layer of a tag's manifest, and a blob checked against its
// digest. Anonymous, basic auth (from the options) and the Bearer token flow
// (see oci_token_auth.h; the token is kept for the client's later requests).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chart/repo/http_client.h"
#include "chart/repo/oci_reference.h"

namespace ho::chart::repo {

// Helm's chart layer media type, and the one Helm 3.0-3.6 pushed.
inline constexpr std::string_view kHelmChartLayerMediaType = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
inline constexpr std::string_view kLegacyChartLayerMediaType = "application/tar+gzip";

class OciRegistryClient {
 public:
  OciRegistryClient(OciReference reference, HttpOptions http);

  // Every tag of the repository, in the registry's order (following Link: rel="next").
  RepoResult<std::vector<std::string>> listTags();
  // The digest ("sha256:HEX") of the chart layer in the manifest of `tag`.
  // A missing tag is a VersionNotFound error worded as Helm's ("HOST/REPO:TAG: not found").
  RepoResult<std::string> chartLayerDigest(std::string_view tag);
  // The blob `digest`, its sha256 verified (DigestMismatch otherwise).
  RepoResult<std::string> blob(std::string_view digest);

  const OciReference& reference() const { return reference_; }

 private:
  // GET with the current credentials; on a 401 with a Bearer challenge, gets a
  // token once and repeats. Non-2xx answers become errors.
  RepoResult<HttpResponse> get(const std::string& url, const HeaderLines& headers);

  OciReference reference_;
  HttpOptions http_;
  std::string token_;  // from the token service, once asked
};

}  // namespace ho::chart::repo
