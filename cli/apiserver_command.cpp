// `helm-operator apiserver`: runs the bundled Kubernetes-API-compatible server
// until SIGINT or SIGTERM.
#include <csignal>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "kube/server/api_server.h"

namespace ho::cli {
namespace {

struct ApiserverFlags {
  std::string listen = "127.0.0.1:6443";
  std::string dataDir;
  std::string kubeconfigPath;
  bool simulateWorkloads = false;
  bool tls = false;
};

int runApiserver(const ApiserverFlags& flags) {
  const size_t colon = flags.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "Error: --listen wants HOST:PORT, got \"" << flags.listen << "\"\n";
    return 1;
  }
  kube::ApiServerOptions options;
  options.host = flags.listen.substr(0, colon);
  if (options.host.empty()) options.host = "127.0.0.1";
  try {
    options.port = static_cast<uint16_t>(std::stoul(flags.listen.substr(colon + 1)));
  } catch (const std::exception&) {
    std::cerr << "Error: invalid port in --listen \"" << flags.listen << "\"\n";
    return 1;
  }
  options.dataDir = flags.dataDir;
  options.simulateWorkloads = flags.simulateWorkloads;
  options.tls = flags.tls;

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  kube::ApiServer server(options);
  if (Result<void> started = server.start(); !started.ok()) {
    std::cerr << "Error: " << started.error().message << "\n";
    return 1;
  }
  if (!flags.kubeconfigPath.empty()) {
    std::ofstream out(flags.kubeconfigPath, std::ios::trunc);
    out << server.kubeconfig();
    if (!out) {
      std::cerr << "Error: cannot write kubeconfig " << flags.kubeconfigPath << "\n";
      return 1;
    }
  }
  std::cerr << "level=info msg=\"apiserver serving\" url=" << server.url() << "\n";
  int received = 0;
  sigwait(&stopSignals, &received);
  std::cerr << "level=info msg=\"apiserver stopping\"\n";
  server.stop();
  return 0;
}

}  // namespace

void installApiserverCommand(CLI::App& app, int& exitCode) {
  auto flags = std::make_shared<ApiserverFlags>();
  CLI::App* cmd = app.add_subcommand("apiserver", "Run the bundled Kubernetes-API-compatible server");
  cmd->add_option("--listen", flags->listen, "Address to serve on (HOST:PORT; port 0 picks a free one)")
      ->capture_default_str();
  cmd->add_option("--data-dir", flags->dataDir, "Keep objects in this directory so a restart loses nothing");
  cmd->add_option("--write-kubeconfig", flags->kubeconfigPath, "Write a kubeconfig for kubectl and helm here");
  cmd->add_flag("--simulate-workloads", flags->simulateWorkloads,
                "Play the workload controllers: Deployments get ReplicaSets and ready status, Jobs complete");
  cmd->add_flag("--tls", flags->tls,
                "Serve HTTPS with a self-signed CA (kept in --data-dir) and require the bearer token the kubeconfig "
                "carries");
  cmd->callback([flags, &exitCode] { exitCode = runApiserver(*flags); });
}

}  // namespace ho::cli
