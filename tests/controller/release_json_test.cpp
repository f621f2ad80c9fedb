// The release record: what the real helm 3.17 wrote decodes and re-encodes
// byte for byte, the chart record of a loaded chart equals helm's, and the
// storage encoding round-trips.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "chart/loader.h"
#include "controller/release/release.h"

namespace ho::controller {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(HO_SOURCE_DIR) + "/tests/controller/fixtures/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ReleaseJson, HelmWrittenRecordWithHooksRoundTripsExactly) {
  const std::string written = fixture("helm3_release_with_hook.json");
  auto release = decodeReleaseJson(written);
  ASSERT_TRUE(release) << release.error().message;
  EXPECT_EQ(release->name, "hk");
  EXPECT_EQ(release->info.status, "deployed");
  ASSERT_EQ(release->hooks.size(), 1u);
  EXPECT_EQ(release->hooks[0].weight, 3);
  EXPECT_EQ(release->hooks[0].deletePolicies, std::vector<std::string>{"before-hook-creation"});
  EXPECT_EQ(release->hooks[0].lastRun.phase, "Succeeded");
  EXPECT_EQ(encodeReleaseJson(*release), written);
}

TEST(ReleaseJson, HelmWrittenUpgradeRecordRoundTripsExactly) {
  const std::string written = fixture("helm3_release_upgraded.json");
  auto release = decodeReleaseJson(written);
  ASSERT_TRUE(release) << release.error().message;
  EXPECT_EQ(release->version, 2);
  EXPECT_EQ(release->info.description, "Upgrade complete");
  EXPECT_EQ(chartMetadataField(*release, "version"), "6.5.0");
  EXPECT_EQ(encodeReleaseJson(*release), written);
}

TEST(ReleaseJson, ChartRecordOfLoadedChartEqualsHelms) {
  const std::string written = fixture("helm3_release_upgraded.json");
  auto release = decodeReleaseJson(written);
  ASSERT_TRUE(release);
  auto chart = chart::loadChart(std::string(HO_SOURCE_DIR) + "/examples/charts/podinfo");
  ASSERT_TRUE(chart) << chart.error().message;
  release->chart = chartRecord(**chart);
  EXPECT_EQ(encodeReleaseJson(*release), written);
}

TEST(ReleaseJson, EmptyConfigAndNotesAreOmittedLikeGo) {
  Release release;
  release.name = "r";
  release.namespace_ = "default";
  release.version = 1;
  release.info.status = "deployed";
  release.config = Value::map();
  EXPECT_EQ(encodeReleaseJson(release),
            R"({"name":"r","info":{"first_deployed":"","last_deployed":"","deleted":"","status":"deployed"},)"
            R"("version":1,"namespace":"default"})");
}

TEST(ReleaseCodec, StorageEncodingRoundTripsAndAcceptsPlainJson) {
  auto release = decodeReleaseJson(fixture("helm3_release_with_hook.json"));
  ASSERT_TRUE(release);
  auto encoded = encodeRelease(*release);
  ASSERT_TRUE(encoded);
  auto decoded = decodeRelease(*encoded);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(encodeReleaseJson(*decoded), encodeReleaseJson(*release));
  auto plain = decodeRelease("eyJuYW1lIjoieCIsInZlcnNpb24iOjN9");  // {"name":"x","version":3}
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->version, 3);
}

TEST(ReleaseTime, NowLooksLikeGoRfc3339Nano) {
  const std::string now = nowTimestamp();
  EXPECT_EQ(now.size() >= 20, true);
  EXPECT_EQ(now[4], '-');
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now.back(), 'Z');
}

}  // namespace
}  // namespace ho::controller
