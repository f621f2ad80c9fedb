// `helm-operator run`: the HelmRelease controller. It talks to the cluster of
// --kubeconfig, $KUBECONFIG, the pod's service account or ~/.kube/config;
// with none of them it starts the bundled API server in-process (with
// simulated workloads) and writes a kubeconfig for it. It creates the
// HelmRelease CRD when missing, serves /healthz on --listen and reconciles
// until SIGINT or SIGTERM.
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "controller/reconciler/controller.h"
#include "controller/reconciler/crd_installer.h"
#include "kube/client/kubeconfig.h"
#include "kube/server/api_server.h"
#include "kube/server/http_server.h"
#include "templating/sprig/go_duration.h"

namespace ho::cli {
namespace {

struct RunFlags {
  std::string kubeconfig;
  int workers = 2;
  std::string chartsSyncInterval = "3m";
  std::string listen = ":3030";
  std::string chartCache;
  std::string crd = "crds/helm.fluxcd.io_helmreleases.yaml";
};

bool hasEnvironment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

// Whether client-go's chain would find a cluster to talk to.
bool clusterConfigured(const RunFlags& flags) {
  if (!flags.kubeconfig.empty() || hasEnvironment("KUBECONFIG") || hasEnvironment("KUBERNETES_SERVICE_HOST")) {
    return true;
  }
  const char* home = std::getenv("HOME");
  return home != nullptr && std::filesystem::exists(std::filesystem::path(home) / ".kube" / "config");
}

std::string privateDirectory() {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("helm-operator-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

// The bundled API server and its kubeconfig file.
Result<kube::client::RestConfig> startBundledServer(std::optional<kube::ApiServer>& server, const std::string& dir) {
  kube::ApiServerOptions options;
  options.port = 0;
  options.simulateWorkloads = true;
  server.emplace(options);
  if (Result<void> started = server->start(); !started.ok()) return started.error();
  const std::string path = dir + "/kubeconfig";
  std::ofstream out(path, std::ios::trunc);
  out << server->kubeconfig();
  if (!out) return Error{"cannot write kubeconfig " + path};
  std::cout << "Started the bundled API server at " << server->url() << "; kubeconfig: " << path << std::endl;
  return kube::client::kubeconfigFromText(server->kubeconfig());
}

// /healthz on HOST:PORT (":3030" = every interface).
Result<void> serveHealth(kube::HttpServer& server, const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return Error{"--listen wants HOST:PORT, got \"" + listen + "\""};
  const std::string host = colon == 0 ? "0.0.0.0" : listen.substr(0, colon);
  uint16_t port = 0;
  try {
    port = static_cast<uint16_t>(std::stoul(listen.substr(colon + 1)));
  } catch (const std::exception&) {
    return Error{"invalid port in --listen \"" + listen + "\""};
  }
  return server.listen(host, port);
}

int runController(const RunFlags& flags) {
  auto interval = tmpl::parseGoDuration(flags.chartsSyncInterval);
  if (!interval || *interval <= 0) {
    std::cerr << "Error: invalid --charts-sync-interval \"" << flags.chartsSyncInterval << "\"\n";
    return 1;
  }
  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  const std::string dir = privateDirectory();
  std::optional<kube::ApiServer> bundled;
  Result<kube::client::RestConfig> config = clusterConfigured(flags)
                                                ? kube::client::defaultRestConfig(flags.kubeconfig)
                                                : startBundledServer(bundled, dir);
  if (!config) {
    std::cerr << "Error: " << config.error().message << "\n";
    return 1;
  }
  auto client = kube::client::RestClient::create(*config);
  if (!client) {
    std::cerr << "Error: " << client.error().message << "\n";
    return 1;
  }
  if (auto crd = controller::ensureHelmReleaseCrd(**client, flags.crd); !crd) {
    std::cerr << "Error: " << crd.error().message << "\n";
    return 1;
  } else if (*crd) {
    std::cerr << "level=info msg=\"created the HelmRelease CRD\" file=" << flags.crd << "\n";
  }

  kube::HttpServer health([](const kube::HttpRequest& request, kube::ResponseWriter& writer) {
    if (request.target == "/healthz") return writer.send(200, "text/plain", "OK");
    writer.send(404, "text/plain", "404 page not found\n");
  });
  if (Result<void> listening = serveHealth(health, flags.listen); !listening.ok()) {
    std::cerr << "Error: " << listening.error().message << "\n";
    return 1;
  }

  controller::ActionContext context{*client, std::make_shared<kube::client::RestMapper>(*client)};
  const std::string cacheDir = flags.chartCache.empty() ? dir + "/charts" : flags.chartCache;
  auto reconciler = std::make_shared<controller::Reconciler>(
      context, std::make_shared<chart::repo::RepositoryPool>(cacheDir));
  controller::ControllerOptions options;
  options.workers = flags.workers;
  options.resyncInterval = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::nanoseconds(*interval));
  controller::Controller controller(*client, reconciler, options);
  controller.start();
  std::cerr << "level=info msg=\"helm-operator running\" server=" << config->server
            << " workers=" << flags.workers << " charts-sync-interval=" << flags.chartsSyncInterval << "\n";

  int received = 0;
  sigwait(&stopSignals, &received);
  std::cerr << "level=info msg=\"helm-operator stopping\"\n";
  controller.stop();
  health.stop();
  if (bundled) bundled->stop();
  return 0;
}

}  // namespace

void installRunCommand(CLI::App& app, int& exitCode) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* cmd = app.add_subcommand("run", "Run the HelmRelease controller");
  cmd->add_option("--kubeconfig", flags->kubeconfig,
                  "Kubeconfig file (default: $KUBECONFIG, the service account, ~/.kube/config, else a bundled "
                  "API server)");
  cmd->add_option("--workers", flags->workers, "HelmReleases reconciled in parallel")->capture_default_str();
  cmd->add_option("--charts-sync-interval", flags->chartsSyncInterval,
                  "How often every HelmRelease is reconciled again (Go duration)")
      ->capture_default_str();
  cmd->add_option("--listen", flags->listen, "Address of the /healthz endpoint (HOST:PORT)")->capture_default_str();
  cmd->add_option("--chart-cache", flags->chartCache, "Folder for downloaded charts (default: a temporary one)");
  cmd->add_option("--crd", flags->crd, "The HelmRelease CRD to create when the cluster lacks it")
      ->capture_default_str();
  cmd->callback([flags, &exitCode] { exitCode = runController(*flags); });
}

}  // namespace ho::cli
