// Decoding Kubernetes protobuf request bodies.
#include <gtest/gtest.h>

#include "kube/server/protobuf.h"

namespace ho::kube {
namespace {

using nlohmann::json;

// A tiny protobuf writer for building test bodies.
std::string varint(uint64_t value) {
  std::string out;
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
  return out;
}

std::string bytesField(uint32_t number, const std::string& bytes) {
  return varint(number << 3 | 2) + varint(bytes.size()) + bytes;
}

std::string varintField(uint32_t number, uint64_t value) { return varint(number << 3) + varint(value); }

std::string mapEntry(uint32_t number, const std::string& key, const std::string& value) {
  return bytesField(number, bytesField(1, key) + bytesField(2, value));
}

std::string envelope(const std::string& apiVersion, const std::string& kind, const std::string& raw) {
  return std::string("k8s\0", 4) + bytesField(1, bytesField(1, apiVersion) + bytesField(2, kind)) + bytesField(2, raw) +
         bytesField(3, "") + bytesField(4, "");
}

TEST(Protobuf_Secret, DecodesHelmReleaseSecret) {
  const std::string metadata = bytesField(1, "sh.helm.release.v1.rel.v1") + bytesField(3, "") +
                               mapEntry(11, "owner", "helm") + mapEntry(11, "status", "deployed");
  const std::string secret = bytesField(1, metadata) + mapEntry(2, "release", std::string("\x1f\x8b\x00", 3)) +
                             bytesField(3, "helm.sh/release.v1");
  ApiResult<json> decoded = decodeProtobufObject(envelope("v1", "Secret", secret));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  const json& object = decoded.value();
  EXPECT_EQ(object["kind"], "Secret");
  EXPECT_EQ(object["apiVersion"], "v1");
  EXPECT_EQ(object["metadata"]["name"], "sh.helm.release.v1.rel.v1");
  EXPECT_FALSE(object["metadata"].contains("namespace"));  // empty means unset
  EXPECT_EQ(object["metadata"]["labels"]["owner"], "helm");
  EXPECT_EQ(object["data"]["release"], "H4sA");  // base64 of 1f 8b 00
  EXPECT_EQ(object["type"], "helm.sh/release.v1");
}

TEST(Protobuf_ConfigMap, DecodesStringAndBinaryData) {
  const std::string configMap = bytesField(1, bytesField(1, "cfg")) + mapEntry(2, "key", "value") +
                                mapEntry(3, "bin", "hi") + varintField(4, 1);
  ApiResult<json> decoded = decodeProtobufObject(envelope("v1", "ConfigMap", configMap));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded.value()["data"]["key"], "value");
  EXPECT_EQ(decoded.value()["binaryData"]["bin"], "aGk=");
  EXPECT_EQ(decoded.value()["immutable"], true);
}

TEST(Protobuf_DeleteOptions, DecodesPropagationPolicy) {
  const std::string options = bytesField(4, "Background") + bytesField(2, bytesField(2, "42"));
  ApiResult<json> decoded = decodeProtobufObject(envelope("meta.k8s.io/v1", "DeleteOptions", options));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded.value()["propagationPolicy"], "Background");
  EXPECT_EQ(decoded.value()["preconditions"]["resourceVersion"], "42");
}

TEST(Protobuf_Errors, UnknownKindIsUnsupportedMediaType) {
  ApiResult<json> decoded = decodeProtobufObject(envelope("example.com/v1", "Widget", ""));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, 415);
}

TEST(Protobuf_Errors, MissingMagicOrTruncatedIsBadRequest) {
  EXPECT_EQ(decodeProtobufObject("{}").error().code, 400);
  EXPECT_EQ(decodeProtobufObject(std::string("k8s\0\x0a\x50", 6)).error().code, 400);
}

}  // namespace
}  // namespace ho::kube
