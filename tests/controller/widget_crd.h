// A minimal namespaced CustomResourceDefinition (widgets.example.com, kind
// Widget, any fields kept) for charts in controller tests that ship a CRD.
#pragma once

namespace ho::controller::testing {

inline constexpr const char* kWidgetCrd = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
)";

}  // namespace ho::controller::testing
