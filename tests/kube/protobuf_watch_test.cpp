// Protobuf watch streams (length-prefixed WatchEvent messages around
// enveloped objects, what client-go's typed watches read) and protobuf list
// bodies built from cached item messages.
#include <gtest/gtest.h>

#include "kube/server/object_encoding.h"
#include "kube/server/protobuf.h"
#include "kube/server/protobuf_wire.h"
#include "e2e_support.h"

namespace ho::kube {
namespace {

using nlohmann::json;

struct DecodedEvent {
  std::string type;
  json object;
};

// Splits a watch stream into its frames and decodes each WatchEvent.
std::vector<DecodedEvent> decodeWatchStream(std::string_view stream) {
  std::vector<DecodedEvent> events;
  while (stream.size() >= 4) {
    const auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(stream[i])); };
    const uint32_t length = byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
    EXPECT_LE(4 + length, stream.size());
    protobuf::WireReader message(stream.substr(4, length));
    DecodedEvent event;
    protobuf::WireField field;
    while (message.next(field)) {
      if (field.number == 1) event.type = field.bytes;
      if (field.number != 2) continue;
      protobuf::WireReader rawExtension(field.bytes);
      protobuf::WireField raw;
      while (rawExtension.next(raw)) {
        if (raw.number == 1) event.object = decodeProtobufObject(raw.bytes).value();
      }
    }
    events.push_back(std::move(event));
    stream.remove_prefix(4 + length);
  }
  EXPECT_TRUE(stream.empty());
  return events;
}

json configMap(const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", "default"}, {"resourceVersion", "7"}}},
          {"data", {{"key", "value-" + name}}}};
}

TEST(ProtobufWatch, FramesAreLengthPrefixedWatchEventsAroundEnvelopedObjects) {
  const std::string stream = protobufWatchFrame("ADDED", *encodeProtobufObject(configMap("a"))) +
                             protobufWatchFrame("DELETED", *encodeProtobufObject(configMap("b")));
  EXPECT_EQ(stream.substr(0, 3), std::string(3, '\0'));  // a small frame: the length's high bytes are zero
  const std::vector<DecodedEvent> events = decodeWatchStream(stream);
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].type, "ADDED");
  EXPECT_EQ(events[0].object["kind"], "ConfigMap");
  EXPECT_EQ(events[0].object["data"]["key"], "value-a");
  EXPECT_EQ(events[1].type, "DELETED");
  EXPECT_EQ(events[1].object["metadata"]["name"], "b");
}

TEST(ProtobufWatch, ListBodiesReuseTheCachedItemMessages) {
  const ResourceRegistry registry;
  const auto type = registry.find("", "v1", "configmaps");
  ASSERT_TRUE(type);
  ListPage page;
  page.items = {makeObjectVersion(configMap("a")), makeObjectVersion(configMap("b"))};
  page.resourceVersion = 42;
  page.continueToken = "next";
  page.remainingItemCount = 3;
  const auto body = listProtobuf(*type, page);
  ASSERT_TRUE(body);
  const json decoded = decodeProtobufObject(*body).value();
  EXPECT_EQ(decoded["kind"], "ConfigMapList");
  EXPECT_EQ(decoded["metadata"]["resourceVersion"], "42");
  EXPECT_EQ(decoded["metadata"]["continue"], "next");
  EXPECT_EQ(decoded["metadata"]["remainingItemCount"], 3);
  ASSERT_EQ(decoded["items"].size(), 2U);
  EXPECT_EQ(decoded["items"][1]["data"]["key"], "value-b");
  const json fromJson = json::parse(listJson(*type, page));
  EXPECT_EQ(fromJson["items"][1], configMap("b"));
  EXPECT_EQ(fromJson["metadata"]["continue"], "next");
}

TEST(ProtobufWatch, LiveServerStreamsProtobufToClientsThatPreferIt) {
  const kube::testing::LiveCluster cluster;
  auto client = cluster.connect();
  ASSERT_TRUE(client.ok()) << client.error().message;
  ASSERT_TRUE(client.value()->create("/api/v1/namespaces/default/configmaps", configMap("first")).ok());
  const std::string url = client.value()->config().server + "/api/v1/namespaces/default/configmaps";
  // A watch from "0" (current objects first), then a change made while it runs.
  const kube::testing::CommandResult watched = cluster.run(
      "sh -c \"curl -sS -N -D headers -o stream -H 'Accept: application/vnd.kubernetes.protobuf;stream=watch' '" +
      url + "?watch=true&resourceVersion=0&timeoutSeconds=2' & sleep 1; curl -sS -X DELETE '" + url +
      "/first' >/dev/null; wait\" && cat headers");
  ASSERT_EQ(watched.exitCode, 0) << watched.output;
  EXPECT_NE(watched.output.find("application/vnd.kubernetes.protobuf;stream=watch"), std::string::npos)
      << watched.output;
  const kube::testing::CommandResult stream = cluster.run("cat stream");
  const std::vector<DecodedEvent> events = decodeWatchStream(stream.output);
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].type, "ADDED");
  EXPECT_EQ(events[0].object["metadata"]["name"], "first");
  EXPECT_EQ(events[1].type, "DELETED");
  // JSON clients of the same kind still get JSON lines.
  const kube::testing::CommandResult json = cluster.run("curl -sS '" + url + "?watch=true&timeoutSeconds=1'");
  EXPECT_EQ(json.output, "") << "no objects are left";
}

}  // namespace
}  // namespace ho::kube
