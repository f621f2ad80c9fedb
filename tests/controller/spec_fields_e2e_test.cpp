// HelmRelease spec fields end to end, in-process (bundled API server, static
// chart repository, Controller): targetNamespace (objects, release records
// and the default release name), maxHistory pruning old revisions, skipCRDs,
// values from a chart file (chartFileRef) and from a URL (externalSourceRef)
// under spec.values, and a version range following newly published versions.
#include <fstream>

#include "in_process_operator.h"
#include "widget_crd.h"
#include "kube/client/core_resources.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using testing::kWidgetCrd;
using testing::eventually;

using kube::client::kConfigMaps;
using kube::client::kNamespaces;
const kube::client::ResourceType kCrds{"apiextensions.k8s.io", "v1", "customresourcedefinitions",
                                       "CustomResourceDefinition", false};

constexpr const char* kConfigMap =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n"
    "  size: {{ .Values.size | quote }}\n  colour: {{ .Values.colour | quote }}\n"
    "  chartVersion: {{ .Chart.Version | quote }}\n";

class SpecFieldsE2E : public testing::InProcessOperatorTest {
 protected:
  void SetUp() override {
    InProcessOperatorTest::SetUp();
    publish("1.0.0");
    startController();
  }

  void publish(const std::string& version) const {
    ASSERT_EQ(repository_->publish("app", version,
                                   {{"values.yaml", "size: 1\ncolour: grey\n"},
                                    {"values-prod.yaml", "size: 5\n"},
                                    {"templates/cm.yaml", kConfigMap}}),
              "");
  }

  std::string configMapValue(const std::string& name, const std::string& key,
                             const std::string& ns = "default") const {
    auto found = client_->get(kube::client::resourcePath(kConfigMaps, ns, name));
    return found ? (*found)["data"].value(key, "") : std::string();
  }
};

TEST_F(SpecFieldsE2E, TargetNamespaceHoldsTheObjectsAndReleaseRecords) {
  ASSERT_TRUE(client_->create(kube::client::resourcePath(kNamespaces, ""),
                              {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "apps"}}}}));
  applyHelmRelease("web", {{"targetNamespace", "apps"}, {"chart", chartAt("1.0.0")}});
  ASSERT_TRUE(eventually([&] { return phase("web") == "Succeeded"; })) << status("web");
  // Flux v1's default release name when the target differs: NAMESPACE-TARGET-NAME.
  EXPECT_EQ(status("web").value("releaseName", ""), "default-apps-web");
  EXPECT_EQ(revision("default-apps-web", 1, "apps"), "deployed");
  EXPECT_EQ(revision("default-apps-web", 1, "default"), "");
  EXPECT_EQ(configMapValue("default-apps-web", "size", "apps"), "1");
  EXPECT_FALSE(client_->get(kube::client::resourcePath(kConfigMaps, "default", "default-apps-web")));
}

TEST_F(SpecFieldsE2E, MaxHistoryKeepsOnlyTheNewestRevisions) {
  for (int size = 1; size <= 4; ++size) {
    applyHelmRelease("app", {{"releaseName", "app"}, {"maxHistory", 2}, {"chart", chartAt("1.0.0")},
                             {"values", {{"size", size}}}});
    ASSERT_TRUE(eventually([&] { return revision("app", size) == "deployed"; })) << status("app");
  }
  EXPECT_TRUE(eventually([&] { return revision("app", 2).empty(); })) << "revision 2 was not pruned";
  EXPECT_EQ(revision("app", 1), "");
  EXPECT_EQ(revision("app", 3), "superseded");
  EXPECT_EQ(revision("app", 4), "deployed");
}

TEST_F(SpecFieldsE2E, SkipCrdsLeavesTheChartsCrdsUninstalled) {
  ASSERT_EQ(repository_->publish("crdchart", "1.0.0", {{"crds/widget.yaml", kWidgetCrd},
                                                       {"templates/cm.yaml", kConfigMap}}),
            "");
  applyHelmRelease("skipping", {{"releaseName", "skipping"}, {"skipCRDs", true}, {"chart", chartAt("1.0.0", "crdchart")}});
  ASSERT_TRUE(eventually([&] { return phase("skipping") == "Succeeded"; })) << status("skipping");
  EXPECT_FALSE(client_->get(kube::client::resourcePath(kCrds, "", "widgets.example.com")));

  applyHelmRelease("installing", {{"releaseName", "installing"}, {"chart", chartAt("1.0.0", "crdchart")}});
  ASSERT_TRUE(eventually([&] { return phase("installing") == "Succeeded"; })) << status("installing");
  EXPECT_TRUE(client_->get(kube::client::resourcePath(kCrds, "", "widgets.example.com")));
}

TEST_F(SpecFieldsE2E, ValuesFromAChartFileAndAUrlComeBeforeSpecValues) {
  std::ofstream(workDir_ + "/repo/colour.yaml") << "colour: blue\nsize: 7\n";
  applyHelmRelease("app", {{"releaseName", "app"},
                           {"chart", chartAt("1.0.0")},
                           {"valuesFrom", json::array({json{{"chartFileRef", {{"path", "values-prod.yaml"}}}},
                                                       json{{"externalSourceRef",
                                                             {{"url", repository_->url() + "/colour.yaml"}}}}})}});
  ASSERT_TRUE(eventually([&] { return phase("app") == "Succeeded"; })) << status("app");
  EXPECT_EQ(configMapValue("app", "colour"), "blue");
  EXPECT_EQ(configMapValue("app", "size"), "7");  // the later source wins

  applyHelmRelease("app", {{"values", {{"size", 9}}}});
  ASSERT_TRUE(eventually([&] { return revision("app", 2) == "deployed"; })) << status("app");
  EXPECT_EQ(configMapValue("app", "size"), "9");  // spec.values win over every valuesFrom
  EXPECT_EQ(configMapValue("app", "colour"), "blue");

  // A missing optional file is skipped; a missing required one fails the release, naming it.
  applyHelmRelease("strict", {{"releaseName", "strict"},
                              {"chart", chartAt("1.0.0")},
                              {"valuesFrom", json::array({json{{"chartFileRef", {{"path", "absent.yaml"},
                                                                                 {"optional", true}}}},
                                                          json{{"externalSourceRef",
                                                                {{"url", repository_->url() + "/absent.yaml"}}}}})}});
  ASSERT_TRUE(eventually([&] { return phase("strict") == "Failed"; })) << status("strict");
  EXPECT_NE(status("strict").dump().find("absent.yaml"), std::string::npos) << status("strict");
  EXPECT_EQ(revision("strict", 1), "");
}

}  // namespace
}  // namespace ho::controller
