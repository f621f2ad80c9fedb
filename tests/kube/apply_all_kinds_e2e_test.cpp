// Client-side `kubectl apply` of one object of every built-in kind charts
// use: the first apply creates them, the second reports every object
// unchanged (the server's defaulting and simulated status must not make
// kubectl's three-way patch non-empty), and after one edit only the edited
// object is configured.
//
// Two objects are "configured" on every apply against a real cluster too,
// because kubectl's patch, not the server, decides: a PodDisruptionBudget
// (spec.selector has patchStrategy "replace", in the Go types and in
// kube-apiserver's OpenAPI alike, and apimachinery's diff emits a replaced
// map without comparing it) and a Secret written with stringData (never
// stored, so always a difference). The manifest uses `data` for the Secret;
// the PDB is expected "configured".
#include <gtest/gtest.h>

#include <sstream>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using ApplyAllKindsE2E = testing::KubectlTest;

const char* kManifest = R"(apiVersion: v1
kind: ServiceAccount
metadata: {name: app}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app}
data: {key: one}
---
apiVersion: v1
kind: Secret
metadata: {name: app}
type: Opaque
data: {password: aHVudGVyMg==}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: app}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Service
metadata: {name: app}
spec:
  selector: {app: app}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  replicas: 2
  selector: {matchLabels: {app: app}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
      - name: app
        image: nginx:1.25
        ports: [{name: http, containerPort: 80}]
        env: [{name: MODE, value: prod}]
        volumeMounts: [{name: data, mountPath: /data}]
      volumes: [{name: data, emptyDir: {}}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: busybox:1.36}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: busybox:1.36}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: nightly, image: busybox:1.36}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: app}
spec:
  rules:
  - host: app.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: app, port: {number: 80}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: app}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: app}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: app}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app}
  minReplicas: 2
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: app}
spec:
  podSelector: {matchLabels: {app: app}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {}}]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
subjects: [{kind: ServiceAccount, name: app, namespace: default}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: app}
rules: [{apiGroups: [""], resources: [nodes], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: app}
subjects: [{kind: ServiceAccount, name: app, namespace: default}]
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: app-high}
value: 1000
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: app-fast}
provisioner: example.com/fast
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: app}
webhooks:
- name: validate.app.example.com
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig: {service: {name: app, namespace: default, path: /validate}}
  rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}]
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: app}
webhooks:
- name: mutate.app.example.com
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig: {service: {name: app, namespace: default, path: /mutate}}
  rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]
)";

std::vector<std::string> outputLines(const std::string& output) {
  std::vector<std::string> lines;
  std::istringstream stream(output);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

TEST_F(ApplyAllKindsE2E, ReapplyIsUnchangedAndAnEditConfiguresOnlyItsObject) {
  const std::string path = cluster_->writeFile("all.yaml", kManifest);
  const std::vector<std::string> created = outputLines(ok("apply -f " + path));
  ASSERT_EQ(created.size(), 22u) << ok("get all");
  for (const std::string& line : created) EXPECT_NE(line.find(" created"), std::string::npos) << line;

  const auto expectOnly = [](const std::vector<std::string>& lines, const std::string& changedPrefix) {
    for (const std::string& line : lines) {
      const bool changed = line.rfind(changedPrefix, 0) == 0 || line.rfind("poddisruptionbudget.policy/app ", 0) == 0;
      EXPECT_NE(line.find(changed ? " configured" : " unchanged"), std::string::npos) << line;
    }
  };
  expectOnly(outputLines(ok("apply -f " + path)), "-");

  std::string edited = kManifest;
  edited.replace(edited.find("data: {key: one}"), 16, "data: {key: two}");
  expectOnly(outputLines(ok("apply -f " + cluster_->writeFile("all.yaml", edited))), "configmap/app ");
}

}  // namespace
}  // namespace ho::kube
