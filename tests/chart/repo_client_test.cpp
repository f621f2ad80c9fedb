// The repository client against real HTTP servers on 127.0.0.1: our
// `repo serve` server, a scripted raw server (redirects, slow, garbage) and nginx.
#include <gtest/gtest.h>

#include <mutex>

#include "chart/loader.h"
#include "chart/repo/chart_locator.h"
#include "chart/repo/chart_repository.h"
#include "chart/repo/digest.h"
#include "chart/repo/index_writer.h"
#include "chart/repo/repository_pool.h"
#include "chart/repo/url.h"
#include "repo_test_support.h"

namespace ho::chart::repo {
namespace {

using testing::TempDir;

// Writes app-VERSION.tgz for each version and an index with relative urls.
void publish(const TempDir& dir, const std::vector<std::string>& versions, const std::string& chart = "app") {
  for (const auto& v : versions) dir.write(chart + "-" + v + ".tgz", testing::chartArchive(chart, v));
  auto index = indexDirectory(dir.path(), "");
  ASSERT_TRUE(index.ok());
  dir.write("index.yaml", *renderIndex(*index));
}

// Request log lines ("GET /index.yaml 200") collected from the server.
struct RequestLog {
  std::mutex mutex;
  std::vector<std::string> lines;
  StaticServerOptions options() {
    StaticServerOptions o;
    o.log = [this](const std::string& line) {
      std::lock_guard lock(mutex);
      lines.push_back(line);
    };
    return o;
  }
  std::vector<std::string> take() {
    std::lock_guard lock(mutex);
    return std::exchange(lines, {});
  }
};

RepositoryConfig configFor(const std::string& url) {
  RepositoryConfig config;
  config.url = url;
  config.http.timeout = std::chrono::milliseconds(5000);
  config.http.connectTimeout = std::chrono::milliseconds(2000);
  return config;
}

TEST(RepoClient, FetchesIndexAndResolvesRangeAgainstRepoServe) {
  TempDir charts, cache;
  publish(charts, {"1.0.0", "1.0.3", "1.1.0", "2.0.0-rc.1"});
  testing::ServedFolder served(charts.path());
  ChartRepository repository(configFor(served.url()), cache.path());
  auto fetched = repository.fetchChart("app", "~1.0");
  ASSERT_TRUE(fetched.ok()) << fetched.error().message;
  EXPECT_EQ(fetched->entry.version, "1.0.3");
  EXPECT_FALSE(fetched->fromCache);
  auto chart = loadArchive(fetched->bytes);
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  EXPECT_EQ((*chart)->metadata.version, "1.0.3");
  EXPECT_TRUE(std::filesystem::exists(fetched->path));
  auto newest = repository.fetchChart("app", "");
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ(newest->entry.version, "1.1.0");
}

// app 1.0.0 published in a folder that our server serves, logging the
// requests, and a repository client on it.
struct LoggedRepository {
  LoggedRepository() { publish(charts, {"1.0.0"}); }
  TempDir charts, cache;
  RequestLog log;
  testing::ServedFolder served{charts.path(), log.options()};
  ChartRepository repository{configFor(served.url()), cache.path()};
};

TEST(RepoClient, UnchangedIndexIsAnswered304AndReused) {
  LoggedRepository logged;
  auto& [charts, cache, log, served, repository] = logged;
  auto first = repository.index(false);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto again = repository.index(true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(first->get(), again->get());  // not parsed again
  EXPECT_EQ(log.take(), (std::vector<std::string>{"GET /index.yaml 200", "GET /index.yaml 304"}));

  // A new client (a restart) revalidates the index kept on disk.
  ChartRepository restarted(configFor(served.url()), cache.path());
  auto reloaded = restarted.index(false);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ((*reloaded)->entries.at("app").size(), 1u);
  EXPECT_EQ(log.take(), (std::vector<std::string>{"GET /index.yaml 304"}));
}

TEST(RepoClient, CachedTarballIsReusedAndACorruptOneRefetched) {
  TempDir charts, cache;
  publish(charts, {"1.0.0"});
  RequestLog log;
  testing::ServedFolder served(charts.path(), log.options());
  {
    ChartRepository repository(configFor(served.url()), cache.path());
    ASSERT_TRUE(repository.fetchChart("app", "1.0.0").ok());
  }
  log.take();
  ChartRepository restarted(configFor(served.url()), cache.path());
  auto cached = restarted.fetchChart("app", "1.0.0");
  ASSERT_TRUE(cached.ok());
  EXPECT_TRUE(cached->fromCache);
  EXPECT_EQ(log.take(), (std::vector<std::string>{"GET /index.yaml 304"}));

  std::ofstream(cached->path, std::ios::trunc) << "garbage";
  auto refetched = restarted.fetchChart("app", "1.0.0");
  ASSERT_TRUE(refetched.ok()) << refetched.error().message;
  EXPECT_FALSE(refetched->fromCache);
  EXPECT_TRUE(loadArchive(refetched->bytes).ok());
  EXPECT_EQ(log.take(), (std::vector<std::string>{"GET /app-1.0.0.tgz 200"}));
}

// A version published again with other bytes (or its tarball removed) while
// an index is in memory: the download fails, and the next fetch revalidates
// the index instead of failing the same way until the index ages out.
TEST(RepoClient, DownloadThatAStaleIndexExplainsRevalidatesTheIndex) {
  LoggedRepository logged;
  auto& [charts, cache, log, served, repository] = logged;
  auto entry = repository.resolveVersion("app", "1.0.0");
  ASSERT_TRUE(entry.ok()) << entry.error().message;

  charts.write("app-1.0.0.tgz", testing::makeTgz({{"app/Chart.yaml", testing::chartYaml("app", "1.0.0", "")},
                                                 {"app/templates/other.yaml", "kind: Other\n"}}));
  auto index = indexDirectory(charts.path(), "");
  ASSERT_TRUE(index.ok());
  charts.write("index.yaml", *renderIndex(*index));
  auto mismatch = repository.fetchVersion(*entry);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().kind, RepoErrorKind::DigestMismatch);
  log.take();
  auto again = repository.fetchChart("app", "1.0.0");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_NE(again->entry.digest, entry->digest);
  EXPECT_EQ(log.take(), (std::vector<std::string>{"GET /index.yaml 200", "GET /app-1.0.0.tgz 200"}));
}

TEST(RepoClient, VersionNotServedYetIsTypedThenFoundAfterItIsPublished) {
  TempDir charts, cache;
  publish(charts, {"1.0.0"});
  testing::ServedFolder served(charts.path());
  ChartRepository repository(configFor(served.url()), cache.path());
  auto missing = repository.fetchChart("app", "1.1.0");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, RepoErrorKind::VersionNotFound);
  EXPECT_TRUE(missing.error().retryable());
  EXPECT_EQ(missing.error().message, "chart \"app\" version \"1.1.0\" not found in " + served.url() + " repository");

  publish(charts, {"1.1.0"});
  auto found = repository.fetchChart("app", "1.1.0");  // the stale index is refreshed
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->entry.version, "1.1.0");
}

TEST(RepoClient, AgedIndexIsRevalidatedSoARangePicksUpNewVersions) {
  TempDir charts, cache;
  publish(charts, {"1.0.0"});
  RequestLog log;
  auto served = std::make_unique<testing::ServedFolder>(charts.path(), log.options());
  ChartRepository repository(configFor(served->url()), cache.path(), std::chrono::milliseconds(20));
  ChartRepository neverAged(configFor(served->url()), cache.path());
  ASSERT_EQ(repository.fetchChart("app", "^1.0.0")->entry.version, "1.0.0");
  ASSERT_EQ(neverAged.fetchChart("app", "^1.0.0")->entry.version, "1.0.0");
  ASSERT_EQ(repository.fetchChart("app", "^1.0.0")->entry.version, "1.0.0");  // young: no request
  log.take();

  publish(charts, {"1.2.0"});
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  auto aged = repository.fetchChart("app", "^1.0.0");
  ASSERT_TRUE(aged.ok()) << aged.error().message;
  EXPECT_EQ(aged->entry.version, "1.2.0");
  EXPECT_EQ(neverAged.fetchChart("app", "^1.0.0")->entry.version, "1.0.0");  // in range already: kept
  EXPECT_EQ(log.take(), (std::vector<std::string>{"GET /index.yaml 200", "GET /app-1.2.0.tgz 200"}));

  // The repository goes away: the aged copy in memory (and the cached tarball) keep serving.
  served.reset();
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  auto offline = repository.fetchChart("app", "^1.0.0");
  ASSERT_TRUE(offline.ok()) << offline.error().message;
  EXPECT_EQ(offline->entry.version, "1.2.0");
  EXPECT_TRUE(offline->fromCache);
}

TEST(RepoClient, BasicAuthAndBearerTokens) {
  TempDir charts, cache;
  publish(charts, {"1.0.0"});
  StaticServerOptions basic;
  basic.username = "user";
  basic.password = "s3cret";
  testing::ServedFolder basicServer(charts.path(), basic);
  auto denied = ChartRepository(configFor(basicServer.url()), cache.path()).fetchChart("app", "");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().kind, RepoErrorKind::Unauthorized);
  EXPECT_EQ(denied.error().httpStatus, 401);
  EXPECT_NE(denied.error().message.find("401 Unauthorized"), std::string::npos) << denied.error().message;
  auto config = configFor(basicServer.url());
  config.http.username = "user";
  config.http.password = "s3cret";
  EXPECT_TRUE(ChartRepository(config, cache.path()).fetchChart("app", "").ok());

  StaticServerOptions bearer;
  bearer.bearerToken = "tok-123";
  testing::ServedFolder bearerServer(charts.path(), bearer);
  auto tokenConfig = configFor(bearerServer.url());
  tokenConfig.http.bearerToken = "tok-123";
  EXPECT_TRUE(ChartRepository(tokenConfig, cache.path()).fetchChart("app", "").ok());
  tokenConfig.http.bearerToken = "wrong";
  EXPECT_FALSE(ChartRepository(tokenConfig, cache.path()).index(true).ok());
}

TEST(RepoClient, FollowsRedirects) {
  TempDir charts, cache;
  publish(charts, {"1.0.0"});
  testing::ServedFolder served(charts.path());
  std::string target = served.url();
  testing::ScriptedServer redirector([target](const std::string& head) {
    std::string path = head.substr(4, head.find(' ', 4) - 4);
    return testing::rawResponse(302, "Found", "", "Location: " + target + path + "\r\n");
  });
  ChartRepository repository(configFor(redirector.url()), cache.path());
  auto fetched = repository.fetchChart("app", "1.0.0");
  ASSERT_TRUE(fetched.ok()) << fetched.error().message;
  EXPECT_EQ(redirector.requests(), 2);  // index.yaml and the tarball both redirected
}

TEST(RepoClient, RedirectLoopsAreBounded) {
  TempDir cache;
  testing::ScriptedServer loop([](const std::string&) {
    return testing::rawResponse(302, "Found", "", "Location: /index.yaml\r\n");
  });
  auto config = configFor(loop.url());
  config.http.maxRedirects = 3;
  auto index = ChartRepository(config, cache.path()).index(true);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, RepoErrorKind::Network);
  EXPECT_EQ(loop.requests(), 4);
}

TEST(RepoClient, DigestMismatchIsRefusedAndNotCached) {
  TempDir charts, cache;
  charts.write("app-1.0.0.tgz", testing::chartArchive("app", "1.0.0"));
  charts.write("index.yaml", "apiVersion: v1\nentries:\n  app:\n  - name: app\n    version: 1.0.0\n    digest: " +
                                 std::string(64, '0') + "\n    urls: [app-1.0.0.tgz]\n");
  testing::ServedFolder served(charts.path());
  auto fetched = ChartRepository(configFor(served.url()), cache.path()).fetchChart("app", "1.0.0");
  ASSERT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.error().kind, RepoErrorKind::DigestMismatch);
  EXPECT_FALSE(std::filesystem::exists(cache.path() + "/charts"));
}

TEST(RepoClient, MissingTarballIs404) {
  TempDir charts, cache;
  charts.write("index.yaml", "apiVersion: v1\nentries:\n  app:\n  - {name: app, version: 1.0.0, urls: [gone.tgz]}\n");
  testing::ServedFolder served(charts.path());
  auto fetched = ChartRepository(configFor(served.url()), cache.path()).fetchChart("app", "");
  ASSERT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.error().kind, RepoErrorKind::HttpStatus);
  EXPECT_EQ(fetched.error().httpStatus, 404);
  EXPECT_EQ(fetched.error().message, "failed to fetch " + served.url() + "/gone.tgz : 404 Not Found");
  EXPECT_TRUE(fetched.error().retryable());
}

TEST(RepoClient, MissingIndexIs404) {
  TempDir charts, cache;
  testing::ServedFolder served(charts.path());
  auto index = ChartRepository(configFor(served.url()), cache.path()).index(true);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().message, "looks like \"" + served.url() +
                                       "\" is not a valid chart repository or cannot be reached: failed to fetch " +
                                       served.url() + "/index.yaml : 404 Not Found");
}

TEST(RepoClient, ConnectionRefusedIsANetworkError) {
  TempDir cache;
  std::string url = "http://127.0.0.1:" + std::to_string(testing::freeLoopbackPort());
  auto index = ChartRepository(configFor(url), cache.path()).index(true);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, RepoErrorKind::Network);
  EXPECT_TRUE(index.error().retryable());
}

TEST(RepoClient, SlowServerTimesOut) {
  TempDir cache;
  testing::ScriptedServer slow([](const std::string&) { return testing::rawResponse(200, "OK", "apiVersion: v1\n"); },
                               std::chrono::milliseconds(5000));
  auto config = configFor(slow.url());
  config.http.timeout = std::chrono::milliseconds(300);
  auto started = std::chrono::steady_clock::now();
  auto index = ChartRepository(config, cache.path()).index(true);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, RepoErrorKind::Timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

TEST(RepoClient, MalformedIndexIsInvalidIndex) {
  TempDir cache;
  testing::ScriptedServer garbage([](const std::string&) {
    return testing::rawResponse(200, "OK", "apiVersion: v1\nentries: [unclosed\n");
  });
  auto index = ChartRepository(configFor(garbage.url()), cache.path()).index(true);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, RepoErrorKind::InvalidIndex);
}

// A repository caught rewriting its index in place serves it empty or cut
// short for a moment: that copy must not stick (in memory or on disk), or
// every later reconcile would fail on it.
TEST(RepoClient, BrokenIndexIsNotKeptSoTheNextCallAsksAgain) {
  TempDir charts, cache;
  charts.write("index.yaml", "");
  testing::ServedFolder served(charts.path());
  ChartRepository repository(configFor(served.url()), cache.path());
  auto empty = repository.fetchChart("app", "1.0.0");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().kind, RepoErrorKind::InvalidIndex);
  EXPECT_NE(empty.error().message.find("empty index.yaml file"), std::string::npos) << empty.error().message;

  charts.write("index.yaml", "apiVersion: v1\nentries: [unclosed\n");
  auto cut = repository.fetchChart("app", "1.0.0");
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().kind, RepoErrorKind::InvalidIndex);

  publish(charts, {"1.0.0"});
  auto found = repository.fetchChart("app", "1.0.0");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->entry.version, "1.0.0");
  // Nothing broken was left in the cache for a fresh process to revalidate against.
  auto fresh = ChartRepository(configFor(served.url()), cache.path()).fetchChart("app", "1.0.0");
  ASSERT_TRUE(fresh.ok()) << fresh.error().message;
}

TEST(RepoClient, OversizedResponsesAreCut) {
  TempDir cache;
  testing::ScriptedServer huge([](const std::string&) { return testing::rawResponse(200, "OK", std::string(4096, 'x')); });
  auto config = configFor(huge.url());
  config.http.maxBodyBytes = 1024;
  auto index = ChartRepository(config, cache.path()).index(true);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, RepoErrorKind::TooLarge);
}

TEST(RepoClient, HostileTarballIsRefusedEvenWithTheRightDigest) {
  TempDir charts, cache;
  std::string hostile = testing::makeTgz({{"app/Chart.yaml", testing::chartYaml("app", "1.0.0")},
                                          {"app/templates/x", "", AE_IFLNK, "../../../../etc/passwd"}});
  charts.write("app-1.0.0.tgz", hostile);
  charts.write("index.yaml", "apiVersion: v1\nentries:\n  app:\n  - {name: app, version: 1.0.0, digest: " +
                                 sha256Hex(hostile) + ", urls: [app-1.0.0.tgz]}\n");
  testing::ServedFolder served(charts.path());
  auto fetched = ChartRepository(configFor(served.url()), cache.path()).fetchChart("app", "");
  ASSERT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.error().kind, RepoErrorKind::UnsafeArchive);
  EXPECT_FALSE(std::filesystem::exists(cache.path() + "/charts"));
}

TEST(RepoClient, AbsoluteUrlsInEntriesPointElsewhere) {
  TempDir charts, other, cache;
  other.write("app-1.0.0.tgz", testing::chartArchive("app", "1.0.0"));
  testing::ServedFolder tarballs(other.path());
  charts.write("index.yaml", "apiVersion: v1\nentries:\n  app:\n  - {name: app, version: 1.0.0, urls: [\"" +
                                 tarballs.url() + "/app-1.0.0.tgz\"]}\n");
  testing::ServedFolder served(charts.path());
  auto fetched = ChartRepository(configFor(served.url()), cache.path()).fetchChart("app", "");
  ASSERT_TRUE(fetched.ok()) << fetched.error().message;
}

TEST(RepoPool, OneRepositoryPerUrlAndCredentials) {
  TempDir cache;
  RepositoryPool pool(cache.path());
  auto config = configFor("http://127.0.0.1:1/charts");
  auto first = pool.get(config);
  EXPECT_EQ(pool.get(config), first);
  config.http.password = "other";
  EXPECT_NE(pool.get(config), first);
}

TEST(RepoUrl, ResolvesReferencesLikeHelm) {
  EXPECT_EQ(resolveReferenceUrl("http://h/charts", "a-1.tgz"), "http://h/charts/a-1.tgz");
  EXPECT_EQ(resolveReferenceUrl("http://h/charts/", "sub/a-1.tgz"), "http://h/charts/sub/a-1.tgz");
  EXPECT_EQ(resolveReferenceUrl("http://h/charts", "../x/a-1.tgz"), "http://h/x/a-1.tgz");
  EXPECT_EQ(resolveReferenceUrl("http://h/charts", "/abs/a-1.tgz"), "http://h/abs/a-1.tgz");
  EXPECT_EQ(resolveReferenceUrl("http://h/c?sig=1", "a-1.tgz"), "http://h/c/a-1.tgz?sig=1");
  EXPECT_EQ(resolveReferenceUrl("http://h/c", "https://cdn/a-1.tgz"), "https://cdn/a-1.tgz");
  EXPECT_EQ(indexUrl("http://h/c/"), "http://h/c/index.yaml");
}

TEST(RepoServe, NeverServesOutsideItsFolderAndAnswersHead) {
  TempDir root, cache;
  root.write("served/index.yaml", "apiVersion: v1\nentries: {}\n");
  root.write("secret.txt", "secret");
  testing::ServedFolder served(root.path() + "/served");
  HttpOptions options;
  for (std::string path : {"/../secret.txt", "/%2e%2e/secret.txt", "/nope.yaml"}) {
    auto response = httpGet(served.url() + path, options);
    EXPECT_FALSE(response.ok()) << path;
  }
  std::filesystem::create_symlink(root.path() + "/secret.txt", root.path() + "/served/link.txt");
  EXPECT_FALSE(httpGet(served.url() + "/link.txt", options).ok());
}

TEST(RepoLocate, FindsRepoChartThroughRepositoriesYaml) {
  TempDir charts, home;
  publish(charts, {"1.0.0", "1.2.0"});
  testing::ServedFolder served(charts.path());
  home.write("repositories.yaml", "apiVersion: \"\"\nrepositories:\n- name: mine\n  url: " + served.url() + "\n");
  ChartLocation location;
  location.chart = "mine/app";
  location.version = "<1.2";
  location.repositoryConfig = home.file("repositories.yaml");
  location.repositoryCache = home.file("cache");
  auto path = locateChart(location);
  ASSERT_TRUE(path.ok()) << path.error().message;
  auto chart = loadChart(*path);
  ASSERT_TRUE(chart.ok());
  EXPECT_EQ((*chart)->metadata.version, "1.0.0");

  location.chart = "other/app";
  EXPECT_EQ(locateChart(location).error().message, "repo other not found");
  location.chart = "app";
  EXPECT_EQ(locateChart(location).error().message,
            "non-absolute URLs should be in form of repo_name/path_to_chart, got: app");
  location.repoUrl = served.url();
  EXPECT_TRUE(locateChart(location).ok());
}

class RepoNginx : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = testing::nginxBinary();
    if (!binary_) GTEST_SKIP() << "nginx is not installed (apt-get install nginx-light); skipping";
  }
  std::optional<std::string> binary_;
};

TEST_F(RepoNginx, ServesAFolderTheClientFetchesRevalidatesAndFollowsRedirects) {
  TempDir charts, work, cache;
  publish(charts, {"1.0.0", "1.5.0"});
  testing::NginxServer nginx(*binary_, charts.path(), work.path(),
                             "    location = /old/index.yaml { return 301 /index.yaml; }\n"
                             "    location /old/ { rewrite ^/old/(.*)$ /$1 redirect; }\n");
  ASSERT_TRUE(nginx.accepting()) << "nginx did not start";
  ChartRepository repository(configFor(nginx.url()), cache.path());
  auto fetched = repository.fetchChart("app", "^1");
  ASSERT_TRUE(fetched.ok()) << fetched.error().message;
  EXPECT_EQ(fetched->entry.version, "1.5.0");

  // nginx answers the validators it gave with 304.
  HttpOptions options;
  auto first = httpGet(nginx.url() + "/index.yaml", options);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->validators.etag.empty());
  auto second = httpGet(nginx.url() + "/index.yaml", options, first->validators);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->status, 304);

  ChartRepository moved(configFor(nginx.url() + "/old"), cache.path());
  auto viaRedirect = moved.fetchChart("app", "1.0.0");
  ASSERT_TRUE(viaRedirect.ok()) << viaRedirect.error().message;
  EXPECT_EQ(viaRedirect->entry.version, "1.0.0");

  auto missing = repository.fetchChart("app", "9.9.9");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, RepoErrorKind::VersionNotFound);
}

TEST_F(RepoNginx, HttpsWithCustomCaClientCertificatesAndInsecureSkipVerify) {
  TempDir charts, work, certs, cache;
  publish(charts, {"1.0.0"});
  if (!testing::makeTestCertificates(certs.path())) GTEST_SKIP() << "openssl CLI could not make test certificates";
  testing::NginxServer nginx(*binary_, charts.path(), work.path(),
                             "    ssl_certificate " + certs.file("server.crt") + ";\n    ssl_certificate_key " +
                                 certs.file("server.key") + ";\n    ssl_client_certificate " + certs.file("ca.crt") +
                                 ";\n    ssl_verify_client optional;\n"
                                 "    location /private/ { if ($ssl_client_verify != SUCCESS) { return 403; } "
                                 "rewrite ^/private/(.*)$ /$1 break; }\n",
                             true);
  ASSERT_TRUE(nginx.accepting()) << "nginx did not start";

  auto untrusted = ChartRepository(configFor(nginx.url()), cache.path()).index(true);
  ASSERT_FALSE(untrusted.ok());
  EXPECT_EQ(untrusted.error().kind, RepoErrorKind::Network);

  auto trusted = configFor(nginx.url());
  trusted.http.caFile = certs.file("ca.crt");
  auto fetched = ChartRepository(trusted, cache.path()).fetchChart("app", "");
  EXPECT_TRUE(fetched.ok()) << fetched.error().message;

  auto insecure = configFor(nginx.url());
  insecure.http.insecureSkipTlsVerify = true;
  EXPECT_TRUE(ChartRepository(insecure, cache.path()).index(true).ok());

  auto withoutClientCert = trusted;
  withoutClientCert.url = nginx.url() + "/private";
  auto refused = ChartRepository(withoutClientCert, cache.path()).index(true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().httpStatus, 403);
  auto withClientCert = withoutClientCert;
  withClientCert.http.certFile = certs.file("client.crt");
  withClientCert.http.keyFile = certs.file("client.key");
  auto accepted = ChartRepository(withClientCert, cache.path()).fetchChart("app", "1.0.0");
  EXPECT_TRUE(accepted.ok()) << accepted.error().message;

  // The same material as PEM text (what a chartPullSecret holds) instead of files.
  const auto read = [&](const std::string& name) {
    std::ifstream in(certs.file(name));
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  auto fromPem = configFor(nginx.url() + "/private");
  fromPem.http.caPem = read("ca.crt");
  fromPem.http.certPem = read("client.crt");
  fromPem.http.keyPem = read("client.key");
  auto acceptedFromPem = ChartRepository(fromPem, cache.path()).fetchChart("app", "1.0.0");
  EXPECT_TRUE(acceptedFromPem.ok()) << acceptedFromPem.error().message;
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { old_ ? (void)::setenv(name_, old_->c_str(), 1) : (void)::unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(RepoClient, UsesTheProxyFromTheEnvironmentButNeverForLoopback) {
  TempDir charts, cache;
  publish(charts, {"1.0.0"});
  testing::ServedFolder direct(charts.path());
  std::string seen;
  std::mutex seenMutex;
  testing::ScriptedServer proxy([&](const std::string& head) {
    std::lock_guard lock(seenMutex);
    seen = head.substr(0, head.find("\r\n"));
    return testing::rawResponse(200, "OK", "apiVersion: v1\nentries: {}\n");
  });
  ScopedEnv httpProxy("HTTP_PROXY", proxy.url());
  ScopedEnv lowerProxy("http_proxy", "");
  // The proxy is asked for a remote host (curl does not resolve it itself).
  auto viaProxy = ChartRepository(configFor("http://charts.example.invalid/stable"), cache.path()).index(true);
  ASSERT_TRUE(viaProxy.ok()) << viaProxy.error().message;
  {
    std::lock_guard lock(seenMutex);
    EXPECT_EQ(seen, "GET http://charts.example.invalid/stable/index.yaml HTTP/1.1");
  }
  // Loopback goes direct, as Go's ProxyFromEnvironment does.
  EXPECT_TRUE(ChartRepository(configFor(direct.url()), cache.path()).fetchChart("app", "").ok());
  EXPECT_EQ(proxy.requests(), 1);
}

}  // namespace
}  // namespace ho::chart::repo
