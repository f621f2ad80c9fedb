// The work queue (de-duplication, one worker per key, backoff, delays) and
// the informer (list then watch, resume from the last version, relist on
// 410 Gone, cache and handlers) against scripted and bundled servers.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "kube/client/informer.h"
#include "kube/client/kubeconfig.h"
#include "kube/client/work_queue.h"
#include "kube/server/api_server.h"
#include "kube/server/http_server.h"
#include "kube/client/core_resources.h"

namespace ho::kube::client {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

TEST(WorkQueue, DeduplicatesWaitingKeys) {
  WorkQueue queue;
  queue.add("a");
  queue.add("a");
  queue.add("b");
  EXPECT_EQ(queue.length(), 2u);
  EXPECT_EQ(queue.get(milliseconds(10)), "a");
  EXPECT_EQ(queue.get(milliseconds(10)), "b");
  EXPECT_EQ(queue.get(milliseconds(10)), std::nullopt);
}

TEST(WorkQueue, KeyBeingProcessedIsQueuedAgainOnlyWhenDone) {
  WorkQueue queue;
  queue.add("a");
  ASSERT_EQ(queue.get(milliseconds(10)), "a");
  queue.add("a");
  queue.add("a");
  EXPECT_EQ(queue.get(milliseconds(20)), std::nullopt);  // no second worker gets it
  queue.done("a");
  EXPECT_EQ(queue.get(milliseconds(10)), "a");
  queue.done("a");
  EXPECT_EQ(queue.get(milliseconds(10)), std::nullopt);
}

TEST(WorkQueue, RateLimitedRetriesBackOffExponentiallyUntilForgotten) {
  WorkQueue queue(BackoffLimits{milliseconds(40), milliseconds(1000)});
  queue.addRateLimited("a");  // 40ms
  auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(queue.get(milliseconds(2000)), "a");
  EXPECT_GE(std::chrono::steady_clock::now() - started, milliseconds(35));
  queue.done("a");
  queue.addRateLimited("a");  // 80ms
  started = std::chrono::steady_clock::now();
  ASSERT_EQ(queue.get(milliseconds(2000)), "a");
  EXPECT_GE(std::chrono::steady_clock::now() - started, milliseconds(75));
  queue.done("a");
  EXPECT_EQ(queue.failures("a"), 2);
  queue.forget("a");
  EXPECT_EQ(queue.failures("a"), 0);
}

TEST(WorkQueue, AddAfterAndShutDown) {
  WorkQueue queue;
  queue.addAfter("later", milliseconds(30));
  EXPECT_EQ(queue.get(milliseconds(5)), std::nullopt);
  EXPECT_EQ(queue.get(milliseconds(1000)), "later");
  std::thread closer([&] {
    std::this_thread::sleep_for(milliseconds(30));
    queue.shutDown();
  });
  EXPECT_EQ(queue.get(milliseconds(5000)), std::nullopt);
  closer.join();
}

// Records handler calls as "add NAME", "update NAME", "delete NAME".
struct Recorder {
  std::mutex mutex;
  std::vector<std::string> calls;

  InformerHandlers handlers() {
    const auto name = [](const json& object) { return object["metadata"].value("name", ""); };
    return {[this, name](const json& o) { record("add " + name(o)); },
            [this, name](const json&, const json& o) { record("update " + name(o)); },
            [this, name](const json& o) { record("delete " + name(o)); }};
  }
  void record(const std::string& call) {
    std::lock_guard lock(mutex);
    calls.push_back(call);
  }
  bool waitFor(const std::string& call) {
    for (int i = 0; i < 500; ++i) {
      {
        std::lock_guard lock(mutex);
        if (std::find(calls.begin(), calls.end(), call) != calls.end()) return true;
      }
      std::this_thread::sleep_for(milliseconds(10));
    }
    return false;
  }
};

using kube::client::kConfigMaps;

// Starts `server` and returns a client for it (null when either fails).
std::shared_ptr<RestClient> startAndConnect(ApiServer& server) {
  if (!server.start().ok()) return nullptr;
  auto config = kubeconfigFromText(server.kubeconfig());
  if (!config) return nullptr;
  auto client = RestClient::create(*config);
  return client ? *client : nullptr;
}

TEST(Informer, ListsWatchesAndCallsHandlersAgainstTheBundledServer) {
  ApiServer server(ApiServerOptions{"127.0.0.1", 0, "", false});
  const std::shared_ptr<RestClient> client = startAndConnect(server);
  ASSERT_TRUE(client);
  const std::string collection = resourcePath(kConfigMaps, "default");
  ASSERT_TRUE(client->create(collection, json{{"metadata", {{"name", "first"}}}}));

  Recorder recorder;
  InformerOptions options;
  options.type = kConfigMaps;
  options.namespace_ = "default";
  Informer informer(client, options, recorder.handlers());
  informer.start();
  ASSERT_TRUE(informer.waitForSync(milliseconds(5000)));
  EXPECT_TRUE(recorder.waitFor("add first"));
  ASSERT_TRUE(client->create(collection, json{{"metadata", {{"name", "second"}}}}));
  EXPECT_TRUE(recorder.waitFor("add second"));
  ASSERT_TRUE(client->patch(resourcePath(kConfigMaps, "default", "second"), PatchType::Merge,
                               json{{"data", {{"k", "v"}}}}));
  EXPECT_TRUE(recorder.waitFor("update second"));
  ASSERT_TRUE(client->remove(resourcePath(kConfigMaps, "default", "first")));
  EXPECT_TRUE(recorder.waitFor("delete first"));
  EXPECT_FALSE(informer.get("default/first"));
  auto second = informer.get("default/second");
  ASSERT_TRUE(second);
  EXPECT_EQ((*second)["data"]["k"], "v");
  EXPECT_EQ(informer.keys(), std::vector<std::string>{"default/second"});
  informer.stop();
  server.stop();
}

// What a shard's informer sees: a set-based label selector on list and
// watch, objects relabelled into the selection arrive as adds and objects
// relabelled out of it as deletes (the bundled server reports them as
// Kubernetes does), and `!key` selects the unlabelled ones.
TEST(Informer, LabelSelectorFollowsObjectsIntoAndOutOfTheSelection) {
  ApiServer server(ApiServerOptions{"127.0.0.1", 0, "", false});
  const std::shared_ptr<RestClient> client = startAndConnect(server);
  ASSERT_TRUE(client);
  const std::string collection = resourcePath(kConfigMaps, "default");
  const auto labelled = [](const std::string& name, const json& labels) {
    return json{{"metadata", {{"name", name}, {"labels", labels}}}};
  };
  ASSERT_TRUE(client->create(collection, labelled("one", {{"shard", "a"}})));
  ASSERT_TRUE(client->create(collection, labelled("two", {{"shard", "b"}})));
  ASSERT_TRUE(client->create(collection, labelled("plain", json::object())));

  const auto informerFor = [&](const std::string& selector, Recorder& recorder) {
    InformerOptions options;
    options.type = kConfigMaps;
    options.labelSelector = selector;
    return std::make_unique<Informer>(client, options, recorder.handlers());
  };
  Recorder inA, notInA, unlabelled;
  auto shardA = informerFor("shard in (a)", inA);
  auto others = informerFor("shard notin (a),shard", notInA);
  auto rest = informerFor("!shard", unlabelled);
  for (Informer* informer : {shardA.get(), others.get(), rest.get()}) {
    informer->start();
    ASSERT_TRUE(informer->waitForSync(milliseconds(5000)));
  }
  EXPECT_EQ(shardA->keys(), std::vector<std::string>{"default/one"});
  EXPECT_EQ(others->keys(), std::vector<std::string>{"default/two"});
  EXPECT_EQ(rest->keys(), std::vector<std::string>{"default/plain"});

  const auto relabel = [&](const std::string& name, const json& value) {
    ASSERT_TRUE(client->patch(resourcePath(kConfigMaps, "default", name), PatchType::Merge,
                                 json{{"metadata", {{"labels", {{"shard", value}}}}}}));
  };
  relabel("one", "b");
  EXPECT_TRUE(inA.waitFor("delete one"));
  EXPECT_TRUE(notInA.waitFor("add one"));
  relabel("plain", "a");
  EXPECT_TRUE(unlabelled.waitFor("delete plain"));
  EXPECT_TRUE(inA.waitFor("add plain"));
  relabel("two", nullptr);
  EXPECT_TRUE(notInA.waitFor("delete two"));
  EXPECT_TRUE(unlabelled.waitFor("add two"));

  EXPECT_EQ(shardA->keys(), std::vector<std::string>{"default/plain"});
  EXPECT_EQ(others->keys(), std::vector<std::string>{"default/one"});
  EXPECT_EQ(rest->keys(), std::vector<std::string>{"default/two"});
  for (Informer* informer : {shardA.get(), others.get(), rest.get()}) informer->stop();
  server.stop();
}

// A server whose first watch drops after one event, whose second fails with
// 410, and whose second list no longer has "gone".
class ScriptedWatchServer {
 public:
  ScriptedWatchServer()
      : server_([this](const HttpRequest& request, ResponseWriter& writer) { answer(request, writer); }) {
    EXPECT_TRUE(server_.listen("127.0.0.1", 0).ok());
  }
  ~ScriptedWatchServer() { server_.stop(); }
  RestConfig config() const {
    RestConfig config;
    config.server = "http://127.0.0.1:" + std::to_string(server_.port());
    return config;
  }
  std::vector<std::string> watchTargets() {
    std::lock_guard lock(mutex_);
    return watchTargets_;
  }

 private:
  void answer(const HttpRequest& request, ResponseWriter& writer) {
    if (request.target.find("watch=true") == std::string::npos) {
      const int list = lists_++;
      json items = json::array({json{{"metadata", {{"name", "kept"}, {"namespace", "ns"}, {"resourceVersion", "1"}}}}});
      if (list == 0) items.push_back(json{{"metadata", {{"name", "gone"}, {"namespace", "ns"}, {"resourceVersion", "2"}}}});
      const std::string version = list == 0 ? "10" : "30";
      return writer.send(200, "application/json",
                         json{{"kind", "ConfigMapList"}, {"metadata", {{"resourceVersion", version}}}, {"items", items}}.dump());
    }
    int watch;
    {
      std::lock_guard lock(mutex_);
      watchTargets_.push_back(request.target);
      watch = static_cast<int>(watchTargets_.size()) - 1;
    }
    writer.beginStream(200, "application/json");
    if (watch == 0) {
      writer.writeChunk(R"({"type":"ADDED","object":{"metadata":{"name":"new","namespace":"ns","resourceVersion":"11"}}})" "\n");
    } else if (watch == 1) {
      writer.writeChunk(R"j({"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old"}})j" "\n");
    } else {
      std::this_thread::sleep_for(milliseconds(50));
    }
    writer.endStream();
  }

  HttpServer server_;
  std::mutex mutex_;
  std::atomic<int> lists_ = 0;
  std::vector<std::string> watchTargets_;
};

TEST(Informer, ResumesFromLastVersionAndRelistsAfterGone) {
  ScriptedWatchServer server;
  auto client = RestClient::create(server.config());
  ASSERT_TRUE(client);
  Recorder recorder;
  InformerOptions options;
  options.type = kConfigMaps;
  options.namespace_ = "ns";
  options.retryDelay = milliseconds(10);
  Informer informer(*client, options, recorder.handlers());
  informer.start();
  ASSERT_TRUE(informer.waitForSync(milliseconds(5000)));
  EXPECT_TRUE(recorder.waitFor("add new"));
  EXPECT_TRUE(recorder.waitFor("delete gone"));  // the relist after 410 no longer has it
  for (int i = 0; i < 300 && server.watchTargets().size() < 3; ++i) std::this_thread::sleep_for(milliseconds(10));
  informer.stop();
  const auto targets = server.watchTargets();
  ASSERT_GE(targets.size(), 3u);
  EXPECT_NE(targets[0].find("resourceVersion=10"), std::string::npos) << targets[0];
  EXPECT_NE(targets[1].find("resourceVersion=11"), std::string::npos) << targets[1];  // resumed, no relist
  EXPECT_NE(targets[2].find("resourceVersion=30"), std::string::npos) << targets[2];  // after the relist
  EXPECT_GE(informer.listCount(), 2);
  EXPECT_TRUE(informer.get("ns/kept"));
  EXPECT_FALSE(informer.get("ns/new"));  // the relist replaced the cache and reported the difference
  EXPECT_TRUE(recorder.waitFor("delete new"));
}

}  // namespace
}  // namespace ho::kube::client
