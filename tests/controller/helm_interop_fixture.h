// The fixture for tests where our release actions and the reference helm
// 3.17 take turns on releases in the bundled API server (in process, with
// simulated workloads): helm runs with this cluster's kubeconfig, our
// actions through a RestClient; the tests are skipped when .reference/helm
// is absent.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../kube/e2e_support.h"
#include "chart/loader.h"
#include "controller/action/actions.h"
#include "kube/client/kubeconfig.h"

namespace ho::controller::interop {

inline const std::string kPodinfo = std::string(HO_SOURCE_DIR) + "/examples/charts/podinfo";

inline Value replicas(int count) { return Value::map(Map{{"replicaCount", Value::integer(count)}}); }

class HelmInterop : public ::testing::Test {
 protected:
  void SetUp() override {
    helm_ = kube::testing::findReferenceBinary("helm");
    if (helm_.empty()) GTEST_SKIP() << "reference helm not found at .reference/helm; interop tests skipped";
    cluster_ = std::make_unique<kube::testing::LiveCluster>();
    auto client = cluster_->connect();
    ASSERT_TRUE(client) << client.error().message;
    context_.client = *client;
    context_.mapper = std::make_shared<kube::client::RestMapper>(*client);
    auto chart = chart::loadChart(kPodinfo);
    ASSERT_TRUE(chart) << chart.error().message;
    podinfo_ = *chart;
  }

  std::string helm(const std::string& arguments) const {
    const kube::testing::CommandResult result = cluster_->run(helm_ + " " + arguments, 120);
    EXPECT_EQ(result.exitCode, 0) << "helm " << arguments << "\n" << result.output;
    return result.output;
  }

  nlohmann::json live(const std::string& path) const {
    auto object = context_.client->get(path);
    EXPECT_TRUE(object) << path << ": " << (object ? "" : object.error().message);
    return object ? *object : nlohmann::json();
  }

  // The parts of a live object an upgrade decides: no server bookkeeping,
  // no allocated cluster IPs, no namespace (releases sit in different ones).
  nlohmann::json comparable(const std::string& path) const {
    nlohmann::json object = live(path);
    if (!object.is_object()) return object;
    object.erase("status");
    for (const char* key : {"uid", "resourceVersion", "creationTimestamp", "namespace", "managedFields", "generation"}) {
      object["metadata"].erase(key);
    }
    object["metadata"]["annotations"].erase("meta.helm.sh/release-namespace");
    if (object.contains("spec") && object["spec"].is_object()) {
      object["spec"].erase("clusterIP");
      object["spec"].erase("clusterIPs");
    }
    return object;
  }

  // A chart with fixed object names: "always", and with .Values.extra "extra"
  // and "kept" (helm.sh/resource-policy: keep). Returns its directory.
  std::string writeToggleChart() const {
    const std::string chartYaml = cluster_->writeFile("Chart.yaml", "apiVersion: v2\nname: t\nversion: 0.1.0\n");
    EXPECT_EQ(cluster_->run("mkdir -p toggle/templates && mv Chart.yaml toggle/").exitCode, 0);
    cluster_->writeFile("toggle/templates/cms.yaml",
                        "{{- if .Values.extra }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n---\n"
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n  annotations:\n"
                        "    helm.sh/resource-policy: keep\n{{- end }}\n---\napiVersion: v1\nkind: ConfigMap\n"
                        "metadata:\n  name: always\n");
    return chartYaml.substr(0, chartYaml.rfind('/')) + "/toggle";
  }

  std::string helm_;
  std::unique_ptr<kube::testing::LiveCluster> cluster_;
  ActionContext context_;
  std::shared_ptr<chart::Chart> podinfo_;
};

}  // namespace ho::controller::interop
