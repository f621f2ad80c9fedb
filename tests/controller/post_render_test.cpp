// Post-rendering (spec.postRenderers, spec.commonMetadata): each patch kind,
// target matching, image overrides and common metadata against the expected
// YAML; the parse errors naming the field; the digest a release records and
// the upgrade a change of it plans.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "controller/action/image_override.h"
#include "controller/action/post_render.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/reconciler/sync_plan.h"

namespace ho::controller {
namespace {

using nlohmann::json;

const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
          ports:
            - containerPort: 8080)";

const char* kService = R"(apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    team: blue
spec:
  ports:
    - port: 80)";

std::vector<chart::Manifest> manifests() {
  return {{"t/templates/service.yaml", kService, "Service"}, {"t/templates/deployment.yaml", kDeployment, "Deployment"}};
}

json helmReleaseWith(const json& fields) {
  json object = {{"apiVersion", "helm.fluxcd.io/v1"},
                 {"kind", "HelmRelease"},
                 {"metadata", {{"name", "web"}, {"namespace", "apps"}}},
                 {"spec", {{"chart", {{"repository", "http://127.0.0.1:8879"}, {"name", "t"}, {"version", "0.1.0"}}}}}};
  for (const auto& [key, value] : fields.items()) object["spec"][key] = value;
  return object;
}

PostRenderSpec specFrom(const json& fields) {
  Result<HelmRelease> parsed = parseHelmRelease(helmReleaseWith(fields));
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? parsed->spec.postRendering : PostRenderSpec{};
}

std::string parseError(const json& fields) {
  Result<HelmRelease> parsed = parseHelmRelease(helmReleaseWith(fields));
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? "" : parsed.error().message;
}

json kustomize(const json& body) { return {{"postRenderers", json::array({{{"kustomize", body}}})}}; }

std::vector<chart::Manifest> render(const json& fields) {
  std::vector<chart::Manifest> rendered = manifests();
  Result<void> done = postRenderManifests(specFrom(fields), rendered, "apps");
  EXPECT_TRUE(done.ok()) << done.error().message;
  return rendered;
}

std::string renderError(const json& fields) {
  std::vector<chart::Manifest> rendered = manifests();
  Result<void> done = postRenderManifests(specFrom(fields), rendered, "apps");
  EXPECT_FALSE(done.ok());
  return done.ok() ? "" : done.error().message;
}

TEST(PostRender, StrategicMergePatchWithATargetMergesContainersByName) {
  const auto rendered = render(kustomize({{"patches", json::array({{{"patch", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: ignored-with-a-target
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          env:
            - name: MODE
              value: patched
)"}, {"target", {{"kind", "Deployment"}, {"name", "w.b"}}}}})}}));
  ASSERT_EQ(rendered.size(), 2u);
  EXPECT_EQ(rendered[0].content, kService);  // untouched documents keep their text
  EXPECT_EQ(rendered[1].content, R"(apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - env:
        - name: MODE
          value: patched
        image: ghcr.io/acme/web:1.0.0
        name: web
        ports:
        - containerPort: 8080
      initContainers:
      - image: busybox:1.36
        name: init)");
}

TEST(PostRender, StrategicMergePatchWithoutTargetFindsItsObjectById) {
  const auto rendered = render(kustomize({{"patchesStrategicMerge", json::array({json::parse(R"({
    "apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "labels": {"tier": "front"}}})")})}}));
  EXPECT_EQ(rendered[0].content, R"(apiVersion: v1
kind: Service
metadata:
  annotations:
    team: blue
  labels:
    tier: front
  name: web
spec:
  ports:
  - port: 80)");
  EXPECT_EQ(rendered[1].content, kDeployment);
}

TEST(PostRender, StrategicMergePatchNamingNoObjectIsAnError) {
  EXPECT_EQ(renderError(kustomize({{"patches", json::array({{{"patch", "kind: Service\napiVersion: v1\nmetadata:\n  name: other\n"}}})}})),
            "error while running post render on files: spec.postRenderers[0].kustomize.patches[0]: no resource "
            "matches strategic merge patch \"Service.v1/other.apps\"");
}

TEST(PostRender, DeletePatchDropsTheObject) {
  const auto rendered = render(kustomize({{"patches", json::array({{{"patch", "$patch: delete\nkind: Service\napiVersion: v1\nmetadata:\n  name: web\n"}}})}}));
  ASSERT_EQ(rendered.size(), 1u);
  EXPECT_EQ(rendered[0].kind, "Deployment");
}

TEST(PostRender, Json6902PatchesFromAPatchStringAndFromPatchesJson6902) {
  const auto rendered = render(kustomize(
      {{"patches", json::array({{{"patch", "- op: replace\n  path: /spec/replicas\n  value: 2\n"},
                                 {"target", {{"group", "apps"}, {"version", "v1"}, {"kind", "Deployment"}}}}})},
       {"patchesJson6902",
        json::array({{{"target", {{"kind", "Service"}, {"name", "web"}}},
                      {"patch", json::array({{{"op", "add"}, {"path", "/spec/type"}, {"value", "NodePort"}},
                                             {{"op", "remove"}, {"path", "/metadata/annotations/team"}}})}}})}}));
  EXPECT_EQ(rendered[0].content, R"(apiVersion: v1
kind: Service
metadata:
  annotations: {}
  name: web
spec:
  ports:
  - port: 80
  type: NodePort)");
  EXPECT_NE(rendered[1].content.find("\n  replicas: 2\n"), std::string::npos) << rendered[1].content;
}

TEST(PostRender, Json6902FailureNamesTheFieldAndTheObject) {
  EXPECT_EQ(renderError(kustomize({{"patches", json::array({{{"patch", R"([{"op": "remove", "path": "/spec/missing"}])"},
                                                           {"target", {{"kind", "Service"}}}}})}})),
            "error while running post render on files: spec.postRenderers[0].kustomize.patches[0]: applying the "
            "JSON6902 patch to Service.v1/web.apps: [json.exception.out_of_range.403] key 'missing' not found");
}

// kustomize's selectors: anchored regular expressions, label and annotation
// selectors; an object without a namespace is in the release namespace.
TEST(PostRender, TargetsAreAnchoredExpressionsAndSelectors) {
  const auto replicasAfter = [](const json& target) {
    const auto rendered =
        render(kustomize({{"patches", json::array({{{"patch", R"([{"op": "add", "path": "/spec/replicas", "value": 5}])"},
                                                  {"target", target}}})}}));
    return rendered[1].content.find("replicas: 5") != std::string::npos;
  };
  EXPECT_TRUE(replicasAfter({{"name", "web"}}));
  EXPECT_FALSE(replicasAfter({{"name", "we"}}));  // anchored: not a prefix match
  EXPECT_TRUE(replicasAfter({{"name", "we.*"}, {"kind", "Deploy.*"}}));
  EXPECT_TRUE(replicasAfter({{"group", "apps"}, {"version", "v1"}}));
  EXPECT_FALSE(replicasAfter({{"group", "batch"}}));
  EXPECT_TRUE(replicasAfter({{"namespace", "apps"}}));
  EXPECT_FALSE(replicasAfter({{"namespace", "default"}}));
  EXPECT_TRUE(replicasAfter({{"labelSelector", "app in (web,api)"}}));
  EXPECT_FALSE(replicasAfter({{"labelSelector", "app!=web"}}));
  EXPECT_FALSE(replicasAfter({{"annotationSelector", "team=blue"}}));  // only the Service has it
}

TEST(PostRender, InvalidTargetExpressionIsAnError) {
  EXPECT_EQ(renderError(kustomize({{"patches", json::array({{{"patch", "[]"}, {"target", {{"name", "web("}}}}})}})),
            "error while running post render on files: spec.postRenderers[0].kustomize.patches[0].target.name: "
            "invalid regular expression: missing ): web(");
}

TEST(PostRender, ImagesOverrideContainersAndInitContainers) {
  const auto rendered = render(kustomize({{"images", json::array({{{"name", "ghcr.io/acme/web"}, {"newTag", "2.0.0"}},
                                                                  {{"name", "busybox"},
                                                                   {"newName", "mirror.local/busybox"},
                                                                   {"digest", "sha256:abc"}}})}}));
  EXPECT_NE(rendered[1].content.find("image: ghcr.io/acme/web:2.0.0\n"), std::string::npos) << rendered[1].content;
  EXPECT_NE(rendered[1].content.find("image: mirror.local/busybox@sha256:abc\n"), std::string::npos);
  EXPECT_EQ(rendered[0].content, kService);
}

TEST(ImageOverride, FollowsKustomizeSplitAndMatch) {
  EXPECT_EQ(splitImage("localhost:5000/app:1.0").name, "localhost:5000/app");
  EXPECT_EQ(splitImage("localhost:5000/app:1.0").tag, "1.0");
  EXPECT_EQ(splitImage("app@sha256:00").digest, "sha256:00");
  EXPECT_EQ(splitImage("app:1@sha256:00").tag, "1");
  EXPECT_TRUE(imageNameMatches("nginx:1.25", "nginx"));
  EXPECT_TRUE(imageNameMatches("nginx@sha256:abc", "nginx"));
  EXPECT_FALSE(imageNameMatches("nginx-extra:1", "nginx"));
  EXPECT_FALSE(imageNameMatches("docker.io/nginx:1", "nginx"));
  EXPECT_EQ(overrideImage("nginx:1.25@sha256:abc", {"nginx", "", "1.26", ""}), "nginx:1.26");
  EXPECT_EQ(overrideImage("nginx:1.25", {"nginx", "", "", "sha256:def"}), "nginx@sha256:def");
  EXPECT_EQ(overrideImage("nginx:1.25", {"nginx", "registry.local/nginx", "", ""}), "registry.local/nginx:1.25");
  EXPECT_EQ(overrideImage("redis:7", {"nginx", "", "1.26", ""}), "redis:7");
}

TEST(ImageOverride, ReachesNestedPodTemplatesButNotCustomResourceDefinitions) {
  json cronJob = json::parse(R"({"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec":
    {"containers": [{"name": "a", "image": "app:1"}]}}}}}})");
  EXPECT_TRUE(overrideImages(cronJob, {"app", "", "2", ""}));
  EXPECT_EQ(cronJob["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["image"], "app:2");
  json crd = json::parse(R"({"kind": "CustomResourceDefinition", "spec": {"containers": [{"image": "app:1"}]}})");
  EXPECT_FALSE(overrideImages(crd, {"app", "", "2", ""}));
}

TEST(PostRender, CommonMetadataSetsObjectMetadataOnlyAfterThePostRenderers) {
  const auto rendered = render({{"postRenderers", json::array({{{"kustomize", {{"patchesStrategicMerge", json::array({json::parse(
                                    R"({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "labels": {"env": "dev"}}})")})}}}}})},
                                {"commonMetadata", {{"labels", {{"env", "prod"}}}, {"annotations", {{"owner", "ops"}}}}}});
  EXPECT_EQ(rendered[0].content, R"(apiVersion: v1
kind: Service
metadata:
  annotations:
    owner: ops
    team: blue
  labels:
    env: prod
  name: web
spec:
  ports:
  - port: 80)");
  EXPECT_EQ(rendered[1].content, R"(apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    owner: ops
  labels:
    app: web
    env: prod
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: ghcr.io/acme/web:1.0.0
        name: web
        ports:
        - containerPort: 8080
      initContainers:
      - image: busybox:1.36
        name: init)");
}

TEST(PostRender, ReleaseManifestRecordsTheDigest) {
  chart::RenderedRelease rendered;
  rendered.manifests = manifests();
  rendered.manifestText = "unchanged";
  ASSERT_TRUE(postRenderRelease(PostRenderSpec{}, rendered, "apps").ok());
  EXPECT_EQ(rendered.manifestText, "unchanged");  // no spec: exactly as before
  EXPECT_EQ(postRenderDigestOf(rendered.manifestText), "");

  const PostRenderSpec spec = specFrom({{"commonMetadata", {{"labels", {{"env", "prod"}}}}}});
  ASSERT_EQ(spec.digest.rfind("sha256:", 0), 0u);
  ASSERT_TRUE(postRenderRelease(spec, rendered, "apps").ok());
  EXPECT_EQ(rendered.manifestText.rfind("---\n# Source: t/templates/service.yaml\n# Post-rendered by helm-operator: " +
                                            spec.digest + "\napiVersion: v1\n",
                                        0),
            0u)
      << rendered.manifestText;
  EXPECT_EQ(postRenderDigestOf(rendered.manifestText), spec.digest);
}

TEST(PostRenderSpec, DigestFollowsTheFieldsAndEmptyOnesChangeNothing) {
  const PostRenderSpec prod = specFrom({{"commonMetadata", {{"labels", {{"env", "prod"}}}}}});
  const PostRenderSpec dev = specFrom({{"commonMetadata", {{"labels", {{"env", "dev"}}}}}});
  EXPECT_NE(prod.digest, dev.digest);
  EXPECT_EQ(prod.digest, specFrom({{"commonMetadata", {{"labels", {{"env", "prod"}}}}}}).digest);
  EXPECT_TRUE(specFrom({{"postRenderers", json::array()}, {"commonMetadata", json::object()}}).empty());
  EXPECT_TRUE(specFrom(json::object()).empty());
}

TEST(PostRenderSpec, ParseErrorsNameTheField) {
  EXPECT_EQ(parseError(kustomize({{"patches", json::array({{{"patch", "a: 1"}}, {{"patch", "b: 1"}, {"target", {{"kind", 1}}}}})}})),
            "spec.postRenderers[0].kustomize.patches[1].target.kind: expected a string, got 1");
  EXPECT_EQ(parseError(kustomize({{"patches", json::array({{{"patch", "- op: add\n  path: /a\n  value: 1\n"}}})}})),
            "spec.postRenderers[0].kustomize.patches[0].target: required for a JSON6902 patch");
  EXPECT_EQ(parseError(kustomize({{"patches", json::array({{{"target", {{"kind", "Service"}}}}})}})),
            "spec.postRenderers[0].kustomize.patches[0].patch: required");
  EXPECT_EQ(parseError(kustomize({{"images", json::array({{{"newTag", "2"}}})}})),
            "spec.postRenderers[0].kustomize.images[0].name: required");
  EXPECT_EQ(parseError(kustomize({{"patchesJson6902", json::array({{{"target", {{"kind", "Service"}}}, {"patch", "x"}}})}})),
            "spec.postRenderers[0].kustomize.patchesJson6902[0].patch: expected a list of JSON6902 operations, got \"x\"");
  EXPECT_EQ(parseError({{"commonMetadata", {{"labels", {{"env", 1}}}}}}), "spec.commonMetadata.labels.env: expected a string, got 1");
  EXPECT_EQ(parseError({{"postRenderers", json::array({"x"})}}), "spec.postRenderers[0]: expected an object, got \"x\"");
}

TEST(PostRenderSpec, AChangedSpecPlansAnUpgradeAndAnUnchangedOneDoesNot) {
  HelmRelease helmRelease;
  helmRelease.name = "web";
  helmRelease.namespace_ = "apps";
  Release deployed;
  deployed.version = 1;
  deployed.info.status = std::string(status::kDeployed);
  deployed.chart = Value::map(Map{{"metadata", Value::map(Map{{"name", Value::string("t")},
                                                             {"version", Value::string("0.1.0")}})}});
  deployed.manifest = "---\n# Source: t/templates/service.yaml\n" + std::string(kService) + "\n";
  const std::vector<Release> history = {deployed};
  EXPECT_EQ(planSync(helmRelease, history, {"t", "0.1.0", Value::map()}), SyncPlan::UpToDate);
  const PostRenderSpec spec = specFrom({{"commonMetadata", {{"labels", {{"env", "prod"}}}}}});
  EXPECT_EQ(planSync(helmRelease, history, {"t", "0.1.0", Value::map(), spec.digest}), SyncPlan::Upgrade);

  chart::RenderedRelease rendered;
  rendered.manifests = manifests();
  ASSERT_TRUE(postRenderRelease(spec, rendered, "apps").ok());
  std::vector<Release> postRendered = history;
  postRendered[0].manifest = rendered.manifestText;
  EXPECT_EQ(planSync(helmRelease, postRendered, {"t", "0.1.0", Value::map(), spec.digest}), SyncPlan::UpToDate);
  EXPECT_EQ(planSync(helmRelease, postRendered, {"t", "0.1.0", Value::map()}), SyncPlan::Upgrade);  // fields removed
}

}  // namespace
}  // namespace ho::controller
