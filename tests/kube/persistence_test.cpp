// --data-dir: objects, CRD-defined kinds and the resourceVersion counter
// survive a restart.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "e2e_support.h"
#include "kube/server/object_store.h"
#include "kube/server/persistence.h"

namespace ho::kube {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct TempDir {
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ho-kube-data-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  fs::path path;
};

TEST(DataDirectory, WritesThroughAndReloads) {
  TempDir dir;
  const DataDirectory data(dir.path);
  std::string lastVersion;
  {
    ObjectStore store;
    store.addCommitListener([&](const WatchEvent& event) { data.record(event); });
    ASSERT_TRUE(store.create({"configmaps", "default", "kept"}, json{{"data", {{"a", "1"}}}}).ok());
    ASSERT_TRUE(store.create({"configmaps", "default", "dropped"}, json::object()).ok());
    ASSERT_TRUE(store.create({"namespaces", "", "team-a"}, json::object()).ok());
    ASSERT_TRUE(store.remove({"configmaps", "default", "dropped"}).ok());
    lastVersion = std::to_string(store.resourceVersion());
  }
  ObjectStore reloaded;
  ASSERT_TRUE(data.load(reloaded).ok());
  const auto kept = reloaded.get({"configmaps", "default", "kept"});
  ASSERT_TRUE(kept);
  EXPECT_EQ((*kept)["data"]["a"], "1");
  EXPECT_FALSE(reloaded.get({"configmaps", "default", "dropped"}));
  EXPECT_TRUE(reloaded.get({"namespaces", "", "team-a"}));
  // The counter never goes back: new writes get newer versions than any stored.
  EXPECT_GE(reloaded.resourceVersion(), std::stoull((*kept)["metadata"]["resourceVersion"].get<std::string>()));
}

TEST(DataDirectory, CorruptFileIsAnError) {
  TempDir dir;
  fs::create_directories(dir.path / "objects" / "configmaps" / "default");
  std::ofstream(dir.path / "objects" / "configmaps" / "default" / "x.json") << "{not json";
  ObjectStore store;
  const Result<void> loaded = DataDirectory(dir.path).load(store);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("corrupt object file"), std::string::npos);
}

TEST(ApiServer_DataDir, RestartKeepsCustomResourcesServed) {
  const std::string kubectl = testing::findKubectl("1.32");
  if (kubectl.empty()) GTEST_SKIP() << "kubectl 1.32 binary not found";
  TempDir dir;
  TempDir home;
  const auto runKubectl = [&](const ApiServer& server, const std::string& arguments) {
    std::ofstream(home.path / "kubeconfig", std::ios::trunc) << server.kubeconfig();
    const std::string command = "env HOME='" + home.path.string() + "' KUBECONFIG='" +
                                (home.path / "kubeconfig").string() + "' timeout 60 " + kubectl + " " + arguments +
                                " 2>&1";
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[4096];
    size_t count = 0;
    while ((count = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, count);
    pclose(pipe);
    return output;
  };
  const std::string crd = (home.path / "crd.yaml").string();
  std::ofstream(crd) << "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                        "metadata: {name: gadgets.example.com}\n"
                        "spec:\n  group: example.com\n  scope: Namespaced\n"
                        "  names: {kind: Gadget, plural: gadgets}\n"
                        "  versions: [{name: v1, served: true, storage: true,"
                        " schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]\n";
  const std::string gadget = (home.path / "gadget.yaml").string();
  std::ofstream(gadget) << "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1, namespace: default}\n";
  ApiServerOptions options;
  options.port = 0;
  options.dataDir = dir.path.string();
  {
    ApiServer server(options);
    ASSERT_TRUE(server.start().ok());
    runKubectl(server, "apply -f " + crd);
    const std::string applied = runKubectl(server, "apply -f " + gadget);
    ASSERT_NE(applied.find("gadget.example.com/g1 created"), std::string::npos) << applied;
    server.stop();
  }
  fs::remove_all(home.path / ".kube");
  ApiServer restarted(options);
  ASSERT_TRUE(restarted.start().ok());
  const std::string listed = runKubectl(restarted, "get gadgets -o name");
  EXPECT_EQ(listed, "gadget.example.com/g1\n");
}

}  // namespace
}  // namespace ho::kube
