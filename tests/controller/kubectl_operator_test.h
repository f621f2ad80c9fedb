// In-process operator tests that act through real kubectl 1.32 (skipped
// without it): applying manifests, Secrets from string data and repository
// chart HelmReleases, and reading whether a HelmRelease's chart fetch failed.
#pragma once

#include <map>
#include <string>

#include "in_process_operator.h"

namespace ho::controller::testing {

// A chart template: a ConfigMap named after the release holding the chart version (data.chart).
inline constexpr const char* kChartVersionTemplate =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"
    "data:\n  chart: {{ .Chart.Version | quote }}\n";

class KubectlOperatorTest : public InProcessOperatorTest {
 protected:
  // Skips without kubectl 1.32, else InProcessOperatorTest::SetUp().
  void SetUp() override;

  // `kubectl apply -f` of `yaml` (written to NAME.yaml); fails the test when kubectl does.
  void apply(const std::string& name, const std::string& yaml) const;
  // Applies Secret `name` in "default" with `stringData` (values written as block scalars).
  void applySecret(const std::string& name, const std::map<std::string, std::string>& stringData) const;
  // Applies HelmRelease `name` (and release name) in "default" for chart "app"
  // at `version` of `repository`, with chartPullSecret `secret` when not "".
  void applyRelease(const std::string& name, const std::string& repository, const std::string& version,
                    const std::string& secret = "") const;
  // kubectl's combined output for `arguments`.
  std::string kubectl(const std::string& arguments) const;
  // Phase ChartFetchFailed with ChartFetched=False.
  bool chartFetchFailed(const std::string& name) const;

  std::string kubectl_;
};

}  // namespace ho::controller::testing
