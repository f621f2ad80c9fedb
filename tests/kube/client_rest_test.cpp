// The REST client against a scripted HTTP server (retries, Retry-After,
// typed errors, token authentication, watch streams and 410) and against the
// bundled API server (CRUD, discovery that notices a new CRD, watches).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "kube/client/rest_client.h"
#include "kube/client/rest_mapper.h"
#include "kube/server/api_server.h"
#include "kube/server/http_server.h"
#include "kube/client/core_resources.h"

namespace ho::kube::client {
namespace {

using nlohmann::json;

// A server whose answers the test scripts; it records what it was sent.
class ScriptedServer {
 public:
  explicit ScriptedServer(HttpHandler handler)
      : server_([this, handler](const HttpRequest& request, ResponseWriter& writer) {
          {
            std::lock_guard lock(mutex_);
            requests_.push_back(request);
          }
          handler(request, writer);
        }) {
    EXPECT_TRUE(server_.listen("127.0.0.1", 0).ok());
  }
  ~ScriptedServer() { server_.stop(); }

  RestConfig config() const {
    RestConfig config;
    config.server = "http://127.0.0.1:" + std::to_string(server_.port());
    config.bearerToken = "secret-token";
    return config;
  }
  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  HttpServer server_;
  mutable std::mutex mutex_;
  std::vector<HttpRequest> requests_;
};

WatchRequest watchOf(const std::string& path, const std::string& resourceVersion, int timeoutSeconds = 300) {
  WatchRequest watch;
  watch.path = path;
  watch.resourceVersion = resourceVersion;
  watch.timeoutSeconds = timeoutSeconds;
  return watch;
}

ClientOptions fastRetries() {
  ClientOptions options;
  options.retry.initialBackoff = std::chrono::milliseconds(1);
  options.retry.maxBackoff = std::chrono::milliseconds(5);
  return options;
}

std::string status(int code, const std::string& reason, const std::string& message) {
  return json{{"kind", "Status"}, {"apiVersion", "v1"}, {"status", "Failure"},
              {"reason", reason}, {"message", message}, {"code", code}}
      .dump();
}

TEST(RestClient, RetriesServerErrorsAndThrottlingThenSucceeds) {
  std::atomic<int> calls = 0;
  ScriptedServer server([&](const HttpRequest&, ResponseWriter& writer) {
    const int call = calls++;
    if (call == 0) return writer.send(503, "application/json", status(503, "ServiceUnavailable", "busy"));
    if (call == 1) return writer.send(429, "application/json", status(429, "TooManyRequests", "slow down"));
    writer.send(200, "application/json", R"({"kind":"ConfigMap","metadata":{"name":"x"}})");
  });
  auto client = RestClient::create(server.config(), fastRetries());
  ASSERT_TRUE(client);
  auto object = (*client)->get("/api/v1/namespaces/default/configmaps/x");
  ASSERT_TRUE(object) << object.error().message;
  EXPECT_EQ((*object)["metadata"]["name"], "x");
  EXPECT_EQ(calls, 3);
}

TEST(RestClient, SendsBearerTokenAndReReadsTokenFile) {
  ScriptedServer server([](const HttpRequest&, ResponseWriter& writer) { writer.send(200, "application/json", "{}"); });
  const std::string tokenFile = std::filesystem::temp_directory_path() / "rest-client-token";
  std::ofstream(tokenFile) << "from-file-1\n";
  RestConfig config = server.config();
  config.tokenFile = tokenFile;
  auto client = RestClient::create(config);
  ASSERT_TRUE(client);
  ASSERT_TRUE((*client)->get("/version"));
  std::ofstream(tokenFile) << "from-file-2";
  ASSERT_TRUE((*client)->get("/version"));
  std::filesystem::remove(tokenFile);
  // The scripted server does not expose headers; the bundled server checks them in
  // the cluster test below. Here the requests must simply have arrived.
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(RestClient, ClientErrorsAreTypedAndNotRetried) {
  std::atomic<int> calls = 0;
  ScriptedServer server([&](const HttpRequest&, ResponseWriter& writer) {
    ++calls;
    writer.send(409, "application/json", status(409, "Conflict", "the object has been modified"));
  });
  auto client = RestClient::create(server.config(), fastRetries());
  ASSERT_TRUE(client);
  const json body = {{"kind", "ConfigMap"}};
  auto result = (*client)->update("/api/v1/namespaces/default/configmaps/x", body);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().isConflict());
  EXPECT_EQ(result.error().message, "the object has been modified");
  EXPECT_EQ(calls, 1);
}

TEST(RestClient, RetryOnConflictRepeatsTheWholeAttempt) {
  std::atomic<int> calls = 0;
  ScriptedServer server([&](const HttpRequest&, ResponseWriter& writer) {
    if (calls++ < 2) return writer.send(409, "application/json", status(409, "Conflict", "modified"));
    writer.send(200, "application/json", R"({"ok":true})");
  });
  auto client = RestClient::create(server.config(), fastRetries());
  ASSERT_TRUE(client);
  int attempts = 0;
  auto result = retryOnConflict([&] {
    ++attempts;
    return (*client)->update("/api/v1/namespaces/default/configmaps/x", json::object());
  });
  ASSERT_TRUE(result);
  EXPECT_EQ(attempts, 3);
}

TEST(RestClient, ConnectionRefusedIsATransportErrorAfterRetries) {
  RestConfig config;
  config.server = "http://127.0.0.1:1";
  auto client = RestClient::create(config, fastRetries());
  ASSERT_TRUE(client);
  auto result = (*client)->get("/version");
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().isTransport());
  EXPECT_TRUE(result.error().neverSent());
}

TEST(RestClient, WatchStreamsEventsAndReportsLastResourceVersion) {
  ScriptedServer server([](const HttpRequest&, ResponseWriter& writer) {
    writer.beginStream(200, "application/json");
    writer.writeChunk(R"({"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}})" "\n");
    writer.writeChunk(R"({"type":"MODIFIED","object":{"metadata":{"name":"a",)");  // split across chunks
    writer.writeChunk(R"("resourceVersion":"6"}}})" "\n");
    writer.writeChunk(R"({"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}})" "\n");
    writer.endStream();
  });
  auto client = RestClient::create(server.config());
  ASSERT_TRUE(client);
  std::vector<std::string> types;
  auto last = (*client)->watch(watchOf("/api/v1/namespaces/default/configmaps", "4"), [&](const WatchEvent& event) {
    types.push_back(event.type);
    return true;
  });
  ASSERT_TRUE(last) << last.error().message;
  EXPECT_EQ(*last, "9");
  EXPECT_EQ(types, (std::vector<std::string>{"ADDED", "MODIFIED", "BOOKMARK"}));
  const auto target = server.requests().at(0).target;
  EXPECT_NE(target.find("watch=true"), std::string::npos);
  EXPECT_NE(target.find("resourceVersion=4"), std::string::npos);
  EXPECT_NE(target.find("allowWatchBookmarks=true"), std::string::npos);
}

TEST(RestClient, WatchErrorEventBecomesGoneError) {
  ScriptedServer server([](const HttpRequest&, ResponseWriter& writer) {
    writer.beginStream(200, "application/json");
    writer.writeChunk(R"j({"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired",)j"
                      R"j("message":"too old resource version: 1 (20)"}})j" "\n");
    writer.endStream();
  });
  auto client = RestClient::create(server.config());
  ASSERT_TRUE(client);
  auto last = (*client)->watch(watchOf("/api/v1/configmaps", "1"), [](const WatchEvent&) { return true; });
  ASSERT_FALSE(last);
  EXPECT_TRUE(last.error().isGone());
  EXPECT_EQ(last.error().message, "too old resource version: 1 (20)");
}

TEST(RestClient, WatchCanBeCancelledFromAnotherThread) {
  std::atomic<bool> release = false;
  ScriptedServer server([&](const HttpRequest&, ResponseWriter& writer) {
    writer.beginStream(200, "application/json");
    writer.writeChunk(R"({"type":"ADDED","object":{"metadata":{"resourceVersion":"2"}}})" "\n");
    for (int i = 0; i < 500 && !release; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    writer.endStream();
  });
  auto client = RestClient::create(server.config());
  ASSERT_TRUE(client);
  StreamCancel cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel.cancel();
  });
  const auto started = std::chrono::steady_clock::now();
  auto last = (*client)->watch(watchOf("/api/v1/configmaps", ""), [](const WatchEvent&) { return true; }, &cancel);
  canceller.join();
  release = true;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  ASSERT_TRUE(last) << last.error().message;
  EXPECT_EQ(*last, "2");
}

// --- against the bundled API server ---

class ClusterClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ApiServer>(ApiServerOptions{"127.0.0.1", 0, "", false});
    ASSERT_TRUE(server_->start().ok());
    auto config = kubeconfigFromText(server_->kubeconfig());
    ASSERT_TRUE(config) << config.error().message;
    auto client = RestClient::create(*config);
    ASSERT_TRUE(client);
    client_ = *client;
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  std::unique_ptr<ApiServer> server_;
  std::shared_ptr<RestClient> client_;
};

using kube::client::kConfigMaps;

TEST_F(ClusterClientTest, CreateGetAndTypedNotFoundAndAlreadyExists) {
  const json configMap = {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
                          {"metadata", {{"name", "one"}}}, {"data", {{"k", "v"}}}};
  auto created = client_->create(resourcePath(kConfigMaps, "default"), configMap);
  ASSERT_TRUE(created) << created.error().message;
  auto again = client_->create(resourcePath(kConfigMaps, "default"), configMap);
  ASSERT_FALSE(again);
  EXPECT_TRUE(again.error().isAlreadyExists());
  EXPECT_EQ(again.error().message, "configmaps \"one\" already exists");
  auto missing = client_->get(resourcePath(kConfigMaps, "default", "two"));
  ASSERT_FALSE(missing);
  EXPECT_TRUE(missing.error().isNotFound());
  EXPECT_EQ(missing.error().message, "configmaps \"two\" not found");
  auto patched = client_->patch(resourcePath(kConfigMaps, "default", "one"), PatchType::Merge,
                                json{{"data", {{"k", "w"}}}});
  ASSERT_TRUE(patched) << patched.error().message;
  EXPECT_EQ((*patched)["data"]["k"], "w");
  ASSERT_TRUE(client_->remove(resourcePath(kConfigMaps, "default", "one")));
}

TEST_F(ClusterClientTest, MapperFindsBuiltInsAndNoticesNewCrd) {
  RestMapper mapper(client_);
  auto deployments = mapper.resourceFor("apps/v1", "Deployment");
  ASSERT_TRUE(deployments) << deployments.error().message;
  EXPECT_EQ(deployments->resource, "deployments");
  EXPECT_TRUE(deployments->namespaced);
  auto namespaces = mapper.resourceFor("v1", "Namespace");
  ASSERT_TRUE(namespaces);
  EXPECT_FALSE(namespaces->namespaced);
  EXPECT_FALSE(mapper.resourceFor("example.com/v1", "Widget"));

  const json crd = json::parse(R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
    "metadata":{"name":"widgets.example.com"},
    "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","singular":"widget","kind":"Widget"},
      "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",
      "x-kubernetes-preserve-unknown-fields":true}}}]}})");
  auto crds = mapper.resourceFor("apiextensions.k8s.io/v1", "CustomResourceDefinition");
  ASSERT_TRUE(crds);
  ASSERT_TRUE(client_->create(resourcePath(*crds), crd));
  auto widgets = mapper.resourceFor("example.com/v1", "Widget");
  ASSERT_TRUE(widgets) << widgets.error().message;
  EXPECT_EQ(resourcePath(*widgets, "ns", "w"), "/apis/example.com/v1/namespaces/ns/widgets/w");

  auto versions = mapper.apiVersions();
  ASSERT_TRUE(versions);
  EXPECT_NE(std::find(versions->begin(), versions->end(), "apps/v1/Deployment"), versions->end());
  auto version = mapper.serverVersion();
  ASSERT_TRUE(version);
  EXPECT_EQ(version->gitVersion.substr(0, 3), "v1.");
}

TEST_F(ClusterClientTest, WatchFromListVersionSeesOnlyLaterChanges) {
  ASSERT_TRUE(client_->create(resourcePath(kConfigMaps, "default"),
                              json{{"metadata", {{"name", "before"}}}}));
  auto list = client_->get(resourcePath(kConfigMaps, "default"));
  ASSERT_TRUE(list);
  const std::string listVersion = (*list)["metadata"]["resourceVersion"];
  ASSERT_TRUE(client_->create(resourcePath(kConfigMaps, "default"), json{{"metadata", {{"name", "after"}}}}));
  std::vector<std::string> seen;
  const WatchRequest watch = watchOf(resourcePath(kConfigMaps, "default"), listVersion, 2);
  auto last = client_->watch(watch, [&](const WatchEvent& event) {
    seen.push_back(event.type + " " + event.object["metadata"].value("name", ""));
    return false;  // one event is enough
  });
  ASSERT_TRUE(last) << last.error().message;
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED after"}));
}

}  // namespace
}  // namespace ho::kube::client
