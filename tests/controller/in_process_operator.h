// Test fixture for the controller end to end, in-process: the bundled API
// server (simulated workloads) with the HelmRelease CRD, a static chart
// repository the test publishes tiny charts into, and a Controller started
// when the test asks (with the options it wants), plus readers for what
// tests assert on: HelmRelease status and conditions, and Helm revisions.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "../kube/e2e_support.h"
#include "controller/reconciler/controller.h"
#include "test_chart_repository.h"

namespace ho::controller::testing {

class InProcessOperatorTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts the controller: resync every second, retries backing off from 100 ms to 1 s,
  // unless `options` says otherwise (its reporter also observes the reconciler).
  void startController(ControllerOptions options = fastOptions());
  static ControllerOptions fastOptions();
  // fastOptions() with a reporter that records Events (and metrics).
  ControllerOptions optionsWithEvents() const;

  // Creates HelmRelease `name` in `ns` with `spec`, or merge-patches the spec of the one there.
  void applyHelmRelease(const std::string& name, const nlohmann::json& spec, const std::string& ns = "default");
  // {"repository": ..., "name": chart, "version": version} for the test repository.
  nlohmann::json chartAt(const std::string& version, const std::string& chart = "app") const;

  // The HelmRelease (an empty object when absent) and its status.
  nlohmann::json helmRelease(const std::string& name, const std::string& ns = "default") const;
  nlohmann::json status(const std::string& name, const std::string& ns = "default") const;
  std::string phase(const std::string& name, const std::string& ns = "default") const;
  // The status ("True"/"False") of condition `type`, "" when it is absent.
  std::string condition(const std::string& name, const std::string& type, const std::string& ns = "default") const;
  // The message of condition `type`, "" when it is absent.
  std::string conditionMessage(const std::string& name, const std::string& type,
                               const std::string& ns = "default") const;
  // "REASON: MESSAGE" of each Warning Event about HelmRelease `name`, one a line.
  std::string warningEvents(const std::string& name, const std::string& ns = "default") const;
  // Helm's status of revision `version` of `release` in `ns`, "" when there is no such revision.
  std::string revision(const std::string& release, int version, const std::string& ns = "default") const;

  // The API server's URL, and a kubeconfig file like the cluster's but for `server` (e.g. a FaultProxy).
  std::string apiServerUrl() const;
  std::string writeKubeconfigFor(const std::string& server) const;

  std::unique_ptr<kube::testing::LiveCluster> cluster_;
  std::shared_ptr<kube::client::RestClient> client_;
  // What the controller started by startController() talks through (client_ unless a test sets another,
  // e.g. one behind a FaultProxy) and how long it waits for a chart repository.
  std::shared_ptr<kube::client::RestClient> controllerClient_;
  std::chrono::milliseconds chartFetchTimeout_{std::chrono::seconds(30)};
  std::string workDir_;
  std::unique_ptr<TestChartRepository> repository_;
  std::unique_ptr<Controller> controller_;
};

}  // namespace ho::controller::testing
