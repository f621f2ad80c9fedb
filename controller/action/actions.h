// Helm 3's release actions against a cluster: install, upgrade, rollback
// and uninstall, writing release revisions (SecretStorage) with the statuses
// and descriptions helm writes, at the moments helm writes them, so the
// helm CLI and this controller can take turns on the same release.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "chart/chart.h"
#include "controller/action/readiness.h"
#include "controller/helmrelease/post_renderer_spec.h"
#include "controller/release/release.h"
#include "core/error.h"
#include "core/value.h"
#include "kube/client/rest_client.h"
#include "kube/client/rest_mapper.h"

namespace ho::controller {

struct ActionContext {
  std::shared_ptr<kube::client::RestClient> client;
  std::shared_ptr<kube::client::RestMapper> mapper;
};

struct InstallOptions {
  std::string releaseName;
  std::string namespace_ = "default";
  Value values;            // user-supplied values (the release's config)
  bool skipCrds = false;
  bool createNamespace = false;  // --create-namespace
  bool disableHooks = false;
  int maxHistory = 0;      // 0 = unlimited
  bool wait = false;        // --wait: objects ready before the release is deployed
  WaitOptions waitOptions = {};  // --timeout, --wait-for-jobs; also bounds hook Jobs and Pods
  PostRenderSpec postRender = {};  // applied to the rendered manifests (helm's --post-renderer step)
};

struct UpgradeOptions {
  std::string releaseName;
  std::string namespace_ = "default";
  Value values;
  bool resetValues = false;  // --reset-values
  bool reuseValues = false;  // --reuse-values
  bool disableHooks = false;
  bool force = false;  // --force: replace (PUT) each object instead of patching it
  int maxHistory = 0;
  bool wait = false;        // --wait: objects ready before the release is deployed
  WaitOptions waitOptions = {};  // --timeout, --wait-for-jobs; also bounds hook Jobs and Pods
  PostRenderSpec postRender = {};  // applied to the rendered manifests (helm's --post-renderer step)
};

struct RollbackOptions {
  std::string releaseName;
  std::string namespace_ = "default";
  int revision = 0;  // 0 = the one before the last
  bool disableHooks = false;
  bool recreate = false;  // --recreate-pods: delete the pods of the updated workloads afterwards
  bool force = false;     // --force: replace (PUT) each object instead of patching it
  int maxHistory = 0;
  bool wait = false;        // --wait: objects ready before the release is deployed
  WaitOptions waitOptions = {};  // --timeout, --wait-for-jobs; also bounds hook Jobs and Pods
};

struct UninstallOptions {
  std::string releaseName;
  std::string namespace_ = "default";
  bool keepHistory = false;
  bool disableHooks = false;
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};  // for delete hooks
};

// Each returns the release revision it wrote last (failed ones included in
// the Error's message, as helm prints them).
Result<Release> install(ActionContext& context, const chart::Chart& chart, const InstallOptions& options);
Result<Release> upgrade(ActionContext& context, const chart::Chart& chart, const UpgradeOptions& options);
Result<Release> rollback(ActionContext& context, const RollbackOptions& options);
Result<Release> uninstall(ActionContext& context, const UninstallOptions& options);

// helm test: runs the release's "test" hooks (weight order, delete
// policies, Jobs/Pods waited for within `timeout`) and stores their last_run
// on the release revision. Errors name the failing test hook.
Result<Release> test(ActionContext& context, const std::string& releaseName, const std::string& namespace_,
                     std::chrono::milliseconds timeout = std::chrono::minutes(5));

// Recovery after a crash: a release whose newest revision is still
// pending-install/-upgrade/-rollback (no helm or controller is working on it
// any more) gets that revision marked failed, so the next install/upgrade or
// rollback can proceed, as Flux's helm-controller "unlock" does. Returns the
// revision it changed, or nullopt when nothing was pending.
Result<std::optional<Release>> unlockPendingRelease(ActionContext& context, const std::string& releaseName,
                                                    const std::string& namespace_);

}  // namespace ho::controller
