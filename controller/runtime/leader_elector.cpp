// LeaderElector: campaign, renew and release a coordination.k8s.io/v1 Lease.
#include "controller/runtime/leader_elector.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <random>

#include "controller/runtime/structured_log.h"
#include "controller/runtime/utc_time.h"
#include "kube/client/core_resources.h"

namespace ho::controller::runtime {
namespace {

using kube::client::kLeases;

std::int64_t wholeSeconds(std::chrono::milliseconds duration) {
  return std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::seconds>(duration).count());
}

// client-go's wait.Jitter(period, 1.2): up to 120% longer, so candidates do not retry in step.
std::chrono::milliseconds jittered(std::chrono::milliseconds period) {
  thread_local std::mt19937 random{std::random_device{}()};
  std::uniform_real_distribution<double> extra(0, 1.2);
  return period + std::chrono::milliseconds(static_cast<long long>(static_cast<double>(period.count()) * extra(random)));
}

}  // namespace

std::string defaultLeaderIdentity() {
  char host[HOST_NAME_MAX + 1] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + "_" + std::to_string(getpid());
}

std::string shardLeaseName(std::string_view base, std::string_view labelSelector) {
  if (labelSelector.empty()) return std::string(base);
  constexpr size_t kMaxWords = 40;
  std::string words;
  std::uint32_t hash = 2166136261U;
  for (const char c : labelSelector) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 16777619U;
    const bool wordChar = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (wordChar && words.size() < kMaxWords) {
      words += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!wordChar && !words.empty() && words.back() != '-' && words.size() < kMaxWords) {
      words += '-';
    }
  }
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", hash);
  std::string name(base);
  if (!words.empty()) name += "-" + words;
  if (name.back() != '-') name += '-';
  return name + hex;
}

LeaderElector::LeaderElector(std::shared_ptr<kube::client::RestClient> client, LeaderElectionOptions options,
                             LeaderCallbacks callbacks)
    : client_(std::move(client)), options_(std::move(options)), callbacks_(std::move(callbacks)) {
  if (options_.identity.empty()) options_.identity = defaultLeaderIdentity();
}

LeaderElector::~LeaderElector() { stop(); }

void LeaderElector::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void LeaderElector::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool LeaderElector::sleepFor(std::chrono::milliseconds period) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, period, [this] { return stopping_; });
}

void LeaderElector::run() {
  const std::string lease = options_.leaseNamespace + "/" + options_.leaseName;
  logLine("info", "attempting to acquire the leader lease", {{"lease", lease}, {"identity", options_.identity}});
  while (!tryAcquireOrRenew()) {
    if (!sleepFor(jittered(options_.retryPeriod))) return;
  }
  leading_ = true;
  logLine("info", "acquired the leader lease", {{"lease", lease}, {"identity", options_.identity}});
  if (callbacks_.onStartedLeading) callbacks_.onStartedLeading();
  Clock::time_point renewed = Clock::now();
  for (;;) {
    if (!sleepFor(options_.retryPeriod)) {
      release();
      leading_ = false;
      return;
    }
    if (tryAcquireOrRenew()) {
      renewed = Clock::now();
    } else if (Clock::now() - renewed >= options_.renewDeadline) {
      break;
    }
  }
  leading_ = false;
  logLine("error", "lost the leader lease", {{"lease", lease}, {"identity", options_.identity}});
  if (callbacks_.onStoppedLeading) callbacks_.onStoppedLeading();
}

bool LeaderElector::tryAcquireOrRenew() {
  const std::string path = kube::client::resourcePath(kLeases, options_.leaseNamespace, options_.leaseName);
  const std::string now = utcNow(6);
  auto current = client_->get(path);
  if (!current) {
    if (!current.error().isNotFound()) {
      logLine("warn", "cannot read the leader lease", {{"error", current.error().message}});
      return false;
    }
    const nlohmann::json lease = {
        {"apiVersion", "coordination.k8s.io/v1"},
        {"kind", "Lease"},
        {"metadata", {{"name", options_.leaseName}, {"namespace", options_.leaseNamespace}}},
        {"spec",
         {{"holderIdentity", options_.identity},
          {"leaseDurationSeconds", wholeSeconds(options_.leaseDuration)},
          {"acquireTime", now},
          {"renewTime", now},
          {"leaseTransitions", 0}}}};
    auto created = client_->create(kube::client::resourcePath(kLeases, options_.leaseNamespace), lease);
    if (!created) return false;
    observedSpec_ = (*created)["spec"];
    observedAt_ = Clock::now();
    return true;
  }
  nlohmann::json object = std::move(current).value();
  const nlohmann::json spec = object.value("spec", nlohmann::json::object());
  if (spec != observedSpec_) {
    observedSpec_ = spec;
    observedAt_ = Clock::now();
  }
  const std::string holder = spec.value("holderIdentity", "");
  const std::int64_t heldFor = spec.value("leaseDurationSeconds", wholeSeconds(options_.leaseDuration));
  if (!holder.empty() && holder != options_.identity && observedAt_ + std::chrono::seconds(heldFor) > Clock::now()) {
    return false;
  }
  nlohmann::json renewed = spec;
  renewed["holderIdentity"] = options_.identity;
  renewed["leaseDurationSeconds"] = wholeSeconds(options_.leaseDuration);
  renewed["renewTime"] = now;
  if (holder != options_.identity) {
    renewed["acquireTime"] = now;
    renewed["leaseTransitions"] = spec.value("leaseTransitions", 0) + 1;
  }
  object["spec"] = renewed;
  auto updated = client_->update(path, object);
  if (!updated) return false;
  observedSpec_ = (*updated)["spec"];
  observedAt_ = Clock::now();
  return true;
}

// Hands the Lease back: no holder and a 1 s duration, so the next candidate need not wait.
void LeaderElector::release() {
  const std::string path = kube::client::resourcePath(kLeases, options_.leaseNamespace, options_.leaseName);
  auto current = client_->get(path);
  if (!current || (*current)["spec"].value("holderIdentity", "") != options_.identity) return;
  nlohmann::json object = std::move(current).value();
  const std::string now = utcNow(6);
  object["spec"]["holderIdentity"] = "";
  object["spec"]["leaseDurationSeconds"] = 1;
  object["spec"]["acquireTime"] = now;
  object["spec"]["renewTime"] = now;
  if (auto updated = client_->update(path, object); !updated) {
    logLine("warn", "cannot release the leader lease", {{"error", updated.error().message}});
    return;
  }
  logLine("info", "released the leader lease", {{"lease", options_.leaseNamespace + "/" + options_.leaseName}});
}

}  // namespace ho::controller::runtime
