// Reuses the kube end-to-end support (LiveCluster: an in-process API server
// with a private HOME/KUBECONFIG, and a runner for real kubectl and helm) in this suite.
#include "../kube/e2e_support.cpp"  // NOLINT(bugprone-suspicious-include)
