// `helm-operator run`: the HelmRelease controller. It talks to the cluster of
// --kubeconfig, $KUBECONFIG, the pod's service account or ~/.kube/config;
// with none of them it starts the bundled API server in-process (with
// simulated workloads) and writes a kubeconfig for it. It creates the
// HelmRelease CRD when missing (updates it when it differs from --crd),
// serves /metrics, /healthz and /readyz on --listen, reconciles only the
// HelmReleases of --watch-label-selector when given (one shard of several
// controllers), optionally elects a leader through a Lease (only the leader
// reconciles; one Lease per shard), and on SIGINT or SIGTERM stops taking
// work, lets reconciles in flight finish within --shutdown-grace-period and exits 0.
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
#include "controller/runtime/leader_elector.h"
#include "controller/runtime/structured_log.h"
#include "kube/client/kubeconfig.h"
#include "kube/client/selectors.h"
#include "kube/server/api_server.h"
#include "kube/server/http_server.h"
#include "templating/sprig/go_duration.h"

namespace ho::cli {
namespace {

using controller::runtime::logLine;

constexpr std::string_view kDefaultLeaseName = "helm-operator-leader";

struct RunFlags {
  std::string kubeconfig;
  int workers = 2;
  kube::client::ClientOptions api;  // --kube-api-qps, --kube-api-burst
  std::string chartsSyncInterval = "3m";
  std::string listen = ":3030";
  std::string chartCache;
  std::string crd = "crds/helm.fluxcd.io_helmreleases.yaml";
  std::string allowNamespace;
  std::string watchLabelSelector;
  std::string logFormat = "text";
  std::string shutdownGracePeriod = "25s";
  bool leaderElect = false;
  std::string leaderElectionNamespace;
  std::string leaderElectionId;  // "": derived from --watch-label-selector
  std::string leaseDuration = "15s";
  std::string renewDeadline = "10s";
  std::string retryPeriod = "2s";
  std::string gitPollInterval = "5m";
  std::string gitTimeout = "20s";
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

// HOST:PORT (":3030" = every interface).
Result<void> listenOn(kube::HttpServer& server, const std::string& listen) {
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

// A Go duration flag as milliseconds; an error names the flag.
Result<std::chrono::milliseconds> durationFlag(const char* name, const std::string& text) {
  auto nanos = tmpl::parseGoDuration(text);
  if (!nanos || *nanos <= 0) return Error{"invalid " + std::string(name) + " \"" + text + "\""};
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::nanoseconds(*nanos));
}

// The pod's namespace in a cluster, else "default".
std::string serviceAccountNamespace() {
  std::ifstream file("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
  std::string ns;
  return file >> ns ? ns : "default";
}

struct Durations {
  std::chrono::milliseconds resync, grace, leaseDuration, renewDeadline, retryPeriod, gitPollInterval, gitTimeout;
};

Result<Durations> parseDurations(const RunFlags& flags) {
  Durations durations{};
  const std::pair<const char*, std::pair<const std::string*, std::chrono::milliseconds*>> fields[] = {
      {"--charts-sync-interval", {&flags.chartsSyncInterval, &durations.resync}},
      {"--shutdown-grace-period", {&flags.shutdownGracePeriod, &durations.grace}},
      {"--leader-elect-lease-duration", {&flags.leaseDuration, &durations.leaseDuration}},
      {"--leader-elect-renew-deadline", {&flags.renewDeadline, &durations.renewDeadline}},
      {"--leader-elect-retry-period", {&flags.retryPeriod, &durations.retryPeriod}},
      {"--git-poll-interval", {&flags.gitPollInterval, &durations.gitPollInterval}},
      {"--git-timeout", {&flags.gitTimeout, &durations.gitTimeout}}};
  for (const auto& [name, field] : fields) {
    auto parsed = durationFlag(name, *field.first);
    if (!parsed) return parsed.error();
    *field.second = *parsed;
  }
  if (durations.renewDeadline >= durations.leaseDuration || durations.retryPeriod >= durations.renewDeadline) {
    return Error{"leader election wants retry period < renew deadline < lease duration"};
  }
  return durations;
}

// /metrics, /healthz (alive) and /readyz (the HelmRelease cache has synced).
kube::HttpHandler endpoints(controller::Controller& controller,
                            const std::shared_ptr<controller::runtime::OperatorMetrics>& metrics) {
  return [&controller, metrics](const kube::HttpRequest& request, kube::ResponseWriter& writer) {
    const std::string path = request.target.substr(0, request.target.find('?'));
    if (path == "/metrics") {
      return writer.send(200, controller::runtime::kExpositionContentType, metrics->registry().exposition());
    }
    if (path == "/healthz") return writer.send(200, "text/plain", "OK");
    if (path == "/readyz") {
      if (controller.ready()) return writer.send(200, "text/plain", "OK");
      return writer.send(503, "text/plain", "informers not synced\n");
    }
    writer.send(404, "text/plain", "404 page not found\n");
  };
}

int runController(const RunFlags& flags) {
  controller::runtime::setLogFormat(flags.logFormat == "json" ? controller::runtime::LogFormat::Json
                                                              : controller::runtime::LogFormat::Text);
  auto durations = parseDurations(flags);
  if (!durations) {
    std::cerr << "Error: " << durations.error().message << "\n";
    return 1;
  }
  if (auto selector = kube::LabelSelector::parse(flags.watchLabelSelector); !selector.ok()) {
    std::cerr << "Error: --watch-label-selector: " << selector.error().message << "\n";
    return 1;
  }
  // Block the stop signals in every thread; the main thread waits for them
  // (SIGUSR1 is how a lost leader lease ends the process).
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  sigaddset(&stopSignals, SIGUSR1);
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
  auto client = kube::client::RestClient::create(*config, flags.api);
  if (!client) {
    std::cerr << "Error: " << client.error().message << "\n";
    return 1;
  }
  if (auto crd = controller::ensureHelmReleaseCrd(**client, flags.crd); !crd) {
    std::cerr << "Error: " << crd.error().message << "\n";
    return 1;
  } else if (*crd == controller::CrdChange::Created) {
    logLine("info", "created the HelmRelease CRD", {{"file", flags.crd}});
  } else if (*crd == controller::CrdChange::Updated) {
    logLine("info", "updated the HelmRelease CRD to this version's", {{"file", flags.crd}});
  } else if (*crd == controller::CrdChange::NotCompared) {
    logLine("warn", "cannot read the bundled HelmRelease CRD; the cluster's is left as it is", {{"file", flags.crd}});
  }

  const std::string identity = controller::runtime::defaultLeaderIdentity();
  auto metrics = std::make_shared<controller::runtime::OperatorMetrics>();
  controller::runtime::EventRecorderOptions eventOptions;
  eventOptions.host = identity.substr(0, identity.rfind('_'));
  eventOptions.onRecorded = [metrics](std::string_view type, std::string_view reason) {
    metrics->eventRecorded(type, reason);
  };
  auto reporter = std::make_shared<controller::runtime::ReconcileReporter>(
      std::make_shared<controller::runtime::EventRecorder>(*client, eventOptions), metrics);

  controller::ActionContext context{*client, std::make_shared<kube::client::RestMapper>(*client)};
  const std::string cacheDir = flags.chartCache.empty() ? dir + "/charts" : flags.chartCache;
  controller::ReconcilerOptions reconcilerOptions;
  reconcilerOptions.observer = reporter;
  reconcilerOptions.gitMirrors = std::make_shared<chart::git::MirrorPool>(
      cacheDir + "/git", chart::git::MirrorOptions{.pollInterval = durations->gitPollInterval,
                                                   .timeout = durations->gitTimeout});
  // Half the resync interval, so every resync sees an index revalidated since the last one.
  auto repositories = std::make_shared<chart::repo::RepositoryPool>(cacheDir, durations->resync / 2);
  auto reconciler = std::make_shared<controller::Reconciler>(context, repositories, reconcilerOptions);
  controller::ControllerOptions options;
  options.workers = flags.workers;
  options.resyncInterval = durations->resync;
  options.namespace_ = flags.allowNamespace;
  options.labelSelector = flags.watchLabelSelector;
  options.reporter = reporter;
  options.gitMirrors = reconcilerOptions.gitMirrors;
  controller::Controller controller(*client, reconciler, options);

  kube::HttpServer http(endpoints(controller, metrics));
  if (Result<void> listening = listenOn(http, flags.listen); !listening.ok()) {
    std::cerr << "Error: " << listening.error().message << "\n";
    return 1;
  }
  controller.startWatching();
  std::unique_ptr<controller::runtime::LeaderElector> elector;
  if (flags.leaderElect) {
    controller::runtime::LeaderElectionOptions election;
    election.leaseNamespace =
        flags.leaderElectionNamespace.empty() ? serviceAccountNamespace() : flags.leaderElectionNamespace;
    election.leaseName = flags.leaderElectionId.empty()
                             ? controller::runtime::shardLeaseName(kDefaultLeaseName, flags.watchLabelSelector)
                             : flags.leaderElectionId;
    election.identity = identity;
    election.leaseDuration = durations->leaseDuration;
    election.renewDeadline = durations->renewDeadline;
    election.retryPeriod = durations->retryPeriod;
    metrics->setLeader(false);
    elector = std::make_unique<controller::runtime::LeaderElector>(
        *client, election,
        controller::runtime::LeaderCallbacks{[&controller, metrics] {
                                               metrics->setLeader(true);
                                               controller.startWorking();
                                             },
                                             [metrics] {
                                               metrics->setLeader(false);
                                               kill(getpid(), SIGUSR1);
                                             }});
    elector->start();
  } else {
    metrics->setLeader(true);
    controller.startWorking();
  }
  logLine("info", "helm-operator running",
          {{"server", config->server}, {"listen", flags.listen}, {"workers", std::to_string(flags.workers)},
           {"charts-sync-interval", flags.chartsSyncInterval}, {"leader-elect", flags.leaderElect ? "true" : "false"},
           {"watch-label-selector", flags.watchLabelSelector}});

  int received = 0;
  sigwait(&stopSignals, &received);
  const int exitCode = received == SIGUSR1 ? 1 : 0;
  logLine("info", "helm-operator stopping",
          {{"reason", received == SIGUSR1 ? "lost the leader lease" : "signal"},
           {"grace-period", flags.shutdownGracePeriod}});
  if (!controller.stop(durations->grace)) {
    logLine("warn", "abandoning reconciles still running; releases left pending are unlocked on the next start");
    std::_Exit(exitCode);
  }
  if (elector) elector->stop();
  http.stop();
  if (bundled) bundled->stop();
  logLine("info", "helm-operator stopped");
  return exitCode;
}

}  // namespace

void installRunCommand(CLI::App& app, int& exitCode) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* cmd = app.add_subcommand("run", "Run the HelmRelease controller");
  cmd->add_option("--kubeconfig", flags->kubeconfig,
                  "Kubeconfig file (default: $KUBECONFIG, the service account, ~/.kube/config, else a bundled "
                  "API server)");
  cmd->add_option("--workers", flags->workers, "HelmReleases reconciled in parallel")->capture_default_str();
  cmd->add_option("--kube-api-qps", flags->api.qps,
                  "Requests per second to the Kubernetes API, sustained (0: no client-side limit)")
      ->capture_default_str();
  cmd->add_option("--kube-api-burst", flags->api.burst, "Requests to the Kubernetes API allowed in a burst")
      ->capture_default_str();
  cmd->add_option("--charts-sync-interval", flags->chartsSyncInterval,
                  "How often every HelmRelease is reconciled again (Go duration)")
      ->capture_default_str();
  cmd->add_option("--allow-namespace", flags->allowNamespace, "Watch only this namespace (default: all)");
  cmd->add_option("--watch-label-selector", flags->watchLabelSelector,
                  "Reconcile only the HelmReleases this label selector selects, e.g. "
                  "'sharding.fluxcd.io/key=shard1' (one shard of several controllers; default: all)");
  cmd->add_option("-l,--listen", flags->listen, "Address of /metrics, /healthz and /readyz (HOST:PORT)")
      ->capture_default_str();
  cmd->add_option("--chart-cache", flags->chartCache, "Folder for downloaded charts (default: a temporary one)");
  cmd->add_option("--crd", flags->crd, "The HelmRelease CRD to create when the cluster lacks it, or to update "
                                       "the cluster's to when it differs")
      ->capture_default_str();
  cmd->add_option("--log-format", flags->logFormat, "Log lines as text (logfmt) or json")
      ->check(CLI::IsMember({"text", "fmt", "json"}))
      ->capture_default_str();
  cmd->add_option("--shutdown-grace-period", flags->shutdownGracePeriod,
                  "On SIGTERM, how long reconciles in flight may take to finish (Go duration)")
      ->capture_default_str();
  cmd->add_flag("--leader-elect", flags->leaderElect,
                "Elect a leader through a coordination.k8s.io/v1 Lease; only the leader reconciles");
  cmd->add_option("--leader-election-namespace", flags->leaderElectionNamespace,
                  "Namespace of the Lease (default: the pod's namespace, else default)");
  cmd->add_option("--leader-election-id", flags->leaderElectionId,
                  "Name of the Lease (default: helm-operator-leader, or with --watch-label-selector "
                  "helm-operator-leader-SELECTOR-HASH, one Lease per shard)");
  cmd->add_option("--leader-elect-lease-duration", flags->leaseDuration,
                  "How long a Lease that is not renewed keeps others waiting")
      ->capture_default_str();
  cmd->add_option("--leader-elect-renew-deadline", flags->renewDeadline,
                  "How long the leader keeps trying to renew before it gives up")
      ->capture_default_str();
  cmd->add_option("--leader-elect-retry-period", flags->retryPeriod, "Time between attempts to acquire or renew")
      ->capture_default_str();
  cmd->add_option("--git-poll-interval", flags->gitPollInterval,
                  "How often each git mirror is fetched; a commit that changes a chart then upgrades its "
                  "HelmReleases (Go duration)")
      ->capture_default_str();
  cmd->add_option("--git-timeout", flags->gitTimeout, "How long one git fetch may take (Go duration)")
      ->capture_default_str();
  cmd->callback([flags, &exitCode] { exitCode = runController(*flags); });
}

}  // namespace ho::cli
