// install: helm 3's action.Install (CRDs, adoption checks, hooks, wait).
#include "controller/action/actions.h"

#include "chart/release_render.h"
#include "controller/action/action_support.h"
#include "controller/action/chart_crds.h"
#include "controller/action/hooks.h"
#include "controller/action/post_render.h"
#include "controller/action/readiness.h"
#include "controller/action/resource_sync.h"
#include "kube/client/core_resources.h"

namespace ho::controller {

namespace {

// helm's --create-namespace: the Namespace labelled name=NAMESPACE, unless it exists.
Result<void> createNamespace(kube::client::RestClient& client, const std::string& ns) {
  using kube::client::kNamespaces;
  const nlohmann::json object = {{"apiVersion", "v1"},
                                 {"kind", "Namespace"},
                                 {"metadata", {{"name", ns}, {"labels", {{"name", ns}}}}}};
  auto made = client.create(kube::client::resourcePath(kNamespaces), object);
  if (!made && !made.error().isAlreadyExists()) return Error{"creating namespace " + ns + ": " + made.error().message};
  return {};
}

Result<void> applyInstallPlan(ActionContext& context, const AdoptionPlan& plan) {
  if (auto created = createObjects(*context.client, plan.toCreate); !created) return created.error();
  return updateObjects(*context.client, {}, plan.toAdopt);
}

}  // namespace

Result<Release> install(ActionContext& context, const chart::Chart& chart, const InstallOptions& options) {
  SecretStorage storage(context.client, options.namespace_);
  auto history = storage.history(options.releaseName);
  if (!history) return history.error();
  if (!history->empty()) return Error{"cannot re-use a name that is still in use"};
  if (!options.skipCrds) {
    if (auto crds = applyChartCrds(context, chart, options.namespace_, ExistingCrds::Keep, options.waitOptions.timeout);
        !crds) {
      return crds.error();
    }
  }
  auto capabilities = clusterCapabilities(context);
  if (!capabilities) return capabilities.error();
  const Value config = orEmptyMap(options.values);
  chart::ReleaseOptions renderOptions{options.releaseName, options.namespace_, 1, false, true};
  auto rendered = chart::renderRelease(chart, config, renderOptions, *capabilities);
  if (!rendered) return rendered.error();
  if (auto posted = postRenderRelease(options.postRender, *rendered, options.namespace_); !posted) {
    return posted.error();
  }

  Release release;
  release.name = options.releaseName;
  release.namespace_ = options.namespace_;
  release.version = 1;
  release.info.firstDeployed = release.info.lastDeployed = nowTimestamp();
  release.info.status = std::string(status::kPendingInstall);
  release.info.description = "Initial install underway";
  release.info.notes = rendered->notes;
  release.chart = chartRecord(*rendered->chart);
  release.config = config;
  release.manifest = rendered->manifestText;
  release.hooks = hookRecords(rendered->hooks);

  auto objects = ownedObjects(context, release);
  if (!objects) return objects.error();
  auto plan = planAdoption(context, release, *objects, "install");
  if (!plan) return plan.error();
  if (options.createNamespace) {
    if (auto made = createNamespace(*context.client, options.namespace_); !made) return made.error();
  }
  if (auto pruned = pruneHistory(storage, release.name, options.maxHistory); !pruned) return pruned.error();
  if (auto created = storage.create(release); !created) return created.error();

  const std::string failure = "Release \"" + release.name + "\" failed: ";
  if (!options.disableHooks) {
    if (auto hooks = runHooks(context, release, "pre-install", options.waitOptions.timeout); !hooks) {
      return failRelease(storage, release, failure + hooks.error().message, hooks.error());
    }
  }
  if (auto applied = applyInstallPlan(context, *plan); !applied) {
    return failRelease(storage, release, failure + applied.error().message, applied.error());
  }
  if (options.wait) {
    if (auto ready = waitForReady(*context.client, *objects, options.waitOptions); !ready) {
      return failRelease(storage, release, failure + ready.error().message, ready.error());
    }
  }
  if (!options.disableHooks) {
    if (auto hooks = runHooks(context, release, "post-install", options.waitOptions.timeout); !hooks) {
      return failRelease(storage, release, failure + hooks.error().message, hooks.error());
    }
  }
  release.info.status = std::string(status::kDeployed);
  release.info.description = "Install complete";
  if (auto updated = storage.update(release); !updated) return updated.error();
  return release;
}

}  // namespace ho::controller
