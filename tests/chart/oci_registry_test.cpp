// OCI chart pulls against a scripted registry on 127.0.0.1 (the raw server of
// repo_test_support.h): reference parsing and tag mapping, the Bearer token
// flow (401 challenge -> token service with basic credentials -> retry with
// the token), Link-paginated tag lists, version ranges resolved over tags,
// the chart layer's digest checked, the chart cache keyed by that digest, and
// `template`'s chart locator taking oci:// references.
// The real registry (docker-registry) is exercised in tests/controller.
#include <gtest/gtest.h>

#include <mutex>

#include "chart/repo/chart_locator.h"
#include "chart/repo/digest.h"
#include "chart/repo/oci_chart.h"
#include "chart/repo/oci_token_auth.h"
#include "repo_test_support.h"

namespace ho::chart::repo {
namespace {

using testing::TempDir;

// The request path and the value of its Authorization header ("" when absent).
struct Request {
  std::string path;
  std::string authorization;
};

Request parseHead(const std::string& head) {
  Request request;
  const auto firstSpace = head.find(' ');
  request.path = head.substr(firstSpace + 1, head.find(' ', firstSpace + 1) - firstSpace - 1);
  const auto header = head.find("\r\nAuthorization: ");
  if (header != std::string::npos) {
    const auto start = header + 17;
    request.authorization = head.substr(start, head.find("\r\n", start) - start);
  }
  return request;
}

std::string json(const std::string& body, const std::string& extraHeaders = "") {
  return testing::rawResponse(200, "OK", body, "Content-Type: application/json\r\n" + extraHeaders);
}

std::string manifestFor(const std::string& layerDigest) {
  return R"({"schemaVersion":2,)"
         R"("config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"sha256:00","size":2},)"
         R"("layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":")" +
         layerDigest + R"(","size":1}]})";
}

HttpOptions quick() {
  HttpOptions http;
  http.timeout = std::chrono::milliseconds(5000);
  http.connectTimeout = std::chrono::milliseconds(2000);
  return http;
}

TEST(OciReference, SplitsRegistryAndRepositoryAndPicksPlainHttpForLoopbackOnly) {
  auto local = parseOciReference("oci://127.0.0.1:5000/charts", "app");
  ASSERT_TRUE(local.ok()) << local.error().message;
  EXPECT_EQ(local->registry, "127.0.0.1:5000");
  EXPECT_EQ(local->repository, "charts/app");
  EXPECT_TRUE(local->plainHttp);
  EXPECT_EQ(local->apiBase(), "http://127.0.0.1:5000/v2/charts/app");
  EXPECT_EQ(local->url(), "oci://127.0.0.1:5000/charts/app");
  EXPECT_TRUE(parseOciReference("oci://localhost/a/b/").value().plainHttp);

  auto remote = parseOciReference("oci://ghcr.io/org/charts/", "podinfo");
  ASSERT_TRUE(remote.ok());
  EXPECT_FALSE(remote->plainHttp);
  EXPECT_EQ(remote->apiBase(), "https://ghcr.io/v2/org/charts/podinfo");
}

TEST(OciReference, RefusesReferencesWithoutPathWithTagsOrUpperCase) {
  for (const char* bad : {"oci://ghcr.io", "oci:///charts", "https://ghcr.io/charts", "oci://ghcr.io/charts/app:1.0",
                          "oci://ghcr.io/Charts/app", "oci://ghcr.io/charts//app"}) {
    auto parsed = parseOciReference(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().kind, RepoErrorKind::InvalidReference) << bad;
  }
}

TEST(OciReference, MapsPlusInVersionsToUnderscoreInTagsAsHelmDoes) {
  EXPECT_EQ(versionToTag("1.0.0+build.1"), "1.0.0_build.1");
  EXPECT_EQ(tagToVersion("1.0.0_build.1"), "1.0.0+build.1");
}

TEST(OciTokenAuth, ParsesBearerChallengesQuotedOrBare) {
  auto challenge = parseBearerChallenge(
      R"(Bearer realm="https://auth.example/token",service="registry.example",scope="repository:charts/app:pull")");
  ASSERT_TRUE(challenge.has_value());
  EXPECT_EQ(challenge->realm, "https://auth.example/token");
  EXPECT_EQ(challenge->service, "registry.example");
  EXPECT_EQ(challenge->scope, "repository:charts/app:pull");
  auto bare = parseBearerChallenge("bearer realm=https://a/t, service=s");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->realm, "https://a/t");
  EXPECT_EQ(bare->service, "s");
  EXPECT_FALSE(parseBearerChallenge(R"(Basic realm="registry")").has_value());
  EXPECT_FALSE(parseBearerChallenge("Bearer service=s").has_value());
}

// A registry that wants a token from its own /token service, given for user:pass only.
class TokenRegistry {
 public:
  TokenRegistry()
      : server_([this](const std::string& head) { return respond(parseHead(head)); }) {}
  std::string oci() const { return "oci://" + server_.url().substr(7) + "/charts"; }
  // A client for charts/app logging in as "user" with `password`.
  OciRegistryClient client(const std::string& password) const {
    HttpOptions http = quick();
    http.username = "user";
    http.password = password;
    return OciRegistryClient(parseOciReference(oci(), "app").value(), http);
  }
  std::vector<std::string> seen() {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  std::string archive = testing::chartArchive("app", "1.2.0");

 private:
  std::string respond(const Request& request) {
    {
      std::lock_guard lock(mutex_);
      seen_.push_back(request.path + (request.authorization.empty() ? "" : " " + request.authorization));
    }
    if (request.path.starts_with("/token?")) {
      if (request.authorization != "Basic dXNlcjpwYXNz") return testing::rawResponse(401, "Unauthorized", "");
      return json(R"({"access_token":"tok-123"})");
    }
    if (request.authorization != "Bearer tok-123") {
      return testing::rawResponse(401, "Unauthorized", "",
                                  "WWW-Authenticate: Bearer realm=\"" + server_.url() +
                                      "/token\",service=\"test-registry\",scope=\"repository:charts/app:pull\"\r\n");
    }
    if (request.path == "/v2/charts/app/tags/list") {
      return json(R"({"name":"charts/app","tags":["1.0.0","latest"]})",
                  "Link: </v2/charts/app/tags/list?last=latest&n=2>; rel=\"next\"\r\n");
    }
    if (request.path == "/v2/charts/app/tags/list?last=latest&n=2") {
      return json(R"({"name":"charts/app","tags":["1.2.0","2.0.0-rc.1","1.1.0_build.7"]})");
    }
    const std::string digest = "sha256:" + sha256Hex(archive);
    if (request.path == "/v2/charts/app/manifests/1.2.0") return json(manifestFor(digest));
    if (request.path == "/v2/charts/app/blobs/" + digest) return testing::rawResponse(200, "OK", archive);
    return testing::rawResponse(404, "Not Found", R"({"errors":[{"code":"MANIFEST_UNKNOWN"}]})");
  }

  std::mutex mutex_;
  std::vector<std::string> seen_;
  testing::ScriptedServer server_;
};

TEST(OciRegistryClient, GetsATokenWithBasicCredentialsAndFollowsTagPages) {
  TokenRegistry registry;
  OciRegistryClient client = registry.client("pass");
  auto tags = client.listTags();
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  EXPECT_EQ(*tags, (std::vector<std::string>{"1.0.0", "latest", "1.2.0", "2.0.0-rc.1", "1.1.0_build.7"}));
  const std::vector<std::string> seen = registry.seen();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0], "/v2/charts/app/tags/list Basic dXNlcjpwYXNz");
  EXPECT_EQ(seen[1], "/token?service=test-registry&scope=repository%3Acharts%2Fapp%3Apull Basic dXNlcjpwYXNz");
  EXPECT_EQ(seen[2], "/v2/charts/app/tags/list Bearer tok-123");
  EXPECT_EQ(seen[3], "/v2/charts/app/tags/list?last=latest&n=2 Bearer tok-123");
}

TEST(OciRegistryClient, WrongCredentialsAreUnauthorizedAndNeverQuoted) {
  TokenRegistry registry;
  OciRegistryClient client = registry.client("wrong-password");
  auto tags = client.listTags();
  ASSERT_FALSE(tags.ok());
  EXPECT_EQ(tags.error().kind, RepoErrorKind::Unauthorized);
  EXPECT_NE(tags.error().message.find("registry token"), std::string::npos) << tags.error().message;
  EXPECT_EQ(tags.error().message.find("wrong-password"), std::string::npos);
}

TEST(OciChart, ResolvesARangeOverTagsAndCachesTheLayerByDigest) {
  TokenRegistry registry;
  TempDir cache;
  OciRegistryClient client = registry.client("pass");
  // Pre-releases and non-version tags ("latest") are left out; "_" maps back to "+".
  EXPECT_EQ(resolveOciChartVersion(client, "~1.1").value(), "1.1.0+build.7");
  EXPECT_EQ(resolveOciChartVersion(client, "").value(), "1.2.0");
  auto none = resolveOciChartVersion(client, ">=3");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, RepoErrorKind::VersionNotFound);

  auto fetched = fetchOciChart(client, "^1.0", ChartCache(cache.path()));
  ASSERT_TRUE(fetched.ok()) << fetched.error().message;
  EXPECT_EQ(fetched->entry.version, "1.2.0");
  EXPECT_EQ(fetched->entry.digest, "sha256:" + sha256Hex(registry.archive));
  EXPECT_EQ(fetched->bytes, registry.archive);
  EXPECT_FALSE(fetched->fromCache);
  const std::size_t requests = registry.seen().size();
  // An exact version is the tag: no tag list; the blob comes from the cache.
  auto again = fetchOciChart(client, "1.2.0", ChartCache(cache.path()));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->fromCache);
  ASSERT_EQ(registry.seen().size(), requests + 1);
  EXPECT_EQ(registry.seen().back(), "/v2/charts/app/manifests/1.2.0 Bearer tok-123");
}

TEST(OciChart, LocateChartPullsOciReferencesForTheTemplateCommand) {
  TokenRegistry registry;
  TempDir cache;
  ChartLocation location;
  location.chart = registry.oci() + "/app";
  location.version = "~1.2";
  location.http = quick();
  location.http.username = "user";
  location.http.password = "pass";
  location.repositoryCache = cache.path();
  auto path = locateChart(location);
  ASSERT_TRUE(path.ok()) << path.error().message;
  std::ifstream in(*path, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), registry.archive);
}

TEST(OciChart, AMissingTagIsVersionNotFound) {
  TokenRegistry registry;
  TempDir cache;
  OciRegistryClient client = registry.client("pass");
  auto missing = fetchOciChart(client, "9.9.9", ChartCache(cache.path()));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, RepoErrorKind::VersionNotFound);
  EXPECT_EQ(missing.error().message, registry.oci().substr(6) + "/app:9.9.9: not found");  // as Helm words it
}

TEST(OciChart, ALayerWhoseBytesDoNotMatchItsDigestIsRefused) {
  const std::string archive = testing::chartArchive("app", "1.0.0");
  const std::string claimed = "sha256:" + sha256Hex("something else");
  testing::ScriptedServer server([&](const std::string& head) {
    const Request request = parseHead(head);
    if (request.path == "/v2/app/manifests/1.0.0") return json(manifestFor(claimed));
    return testing::rawResponse(200, "OK", archive);
  });
  TempDir cache;
  OciRegistryClient client(parseOciReference("oci://" + server.url().substr(7) + "/app").value(), quick());
  auto fetched = fetchOciChart(client, "1.0.0", ChartCache(cache.path()));
  ASSERT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.error().kind, RepoErrorKind::DigestMismatch);
}

}  // namespace
}  // namespace ho::chart::repo
