// GitSourcePoller: due mirrors fetched, HelmReleases whose chart folder changed queued.
#include "controller/reconciler/git_source_poller.h"

#include <algorithm>

#include "chart/git/git_chart.h"
#include "controller/helmrelease/helm_release.h"
#include "controller/runtime/structured_log.h"
#include "kube/client/informer.h"

namespace ho::controller {
namespace {

using Clock = std::chrono::steady_clock;

// Mirrors made by reconciles meanwhile are picked up at least this often.
constexpr std::chrono::seconds kLongestSleep{1};
constexpr std::chrono::milliseconds kShortestSleep{10};

bool onRepository(const nlohmann::json& object, const std::string& url) {
  const nlohmann::json& chart = object["spec"]["chart"];
  return chart.is_object() && chart.value("git", "") == url;
}

}  // namespace

GitSourcePoller::GitSourcePoller(std::shared_ptr<chart::git::MirrorPool> mirrors, ListHelmReleases list,
                                 Enqueue enqueue)
    : mirrors_(std::move(mirrors)), list_(std::move(list)), enqueue_(std::move(enqueue)) {}

GitSourcePoller::~GitSourcePoller() { stop(); }

void GitSourcePoller::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { loop(); });
}

void GitSourcePoller::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void GitSourcePoller::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    const Clock::time_point due = pollOnce();
    lock.lock();
    const Clock::time_point now = Clock::now();
    const Clock::time_point wakeAt = std::clamp(due, now + kShortestSleep, now + kLongestSleep);
    wake_.wait_until(lock, wakeAt, [this] { return stopping_; });
  }
}

Clock::time_point GitSourcePoller::pollOnce() {
  Clock::time_point nextDue = Clock::time_point::max();
  for (const std::shared_ptr<chart::git::Mirror>& mirror : mirrors_->all()) {
    MirrorState& state = states_[mirror.get()];
    const bool failing = !mirror->refresh();  // fetches only when due and not backing off
    const std::uint64_t fetches = mirror->successfulFetchCount();
    if (failing != state.failing) {
      runtime::logLine(failing ? "warn" : "info", failing ? "git remote failing" : "git remote reachable again",
                       {{"url", mirror->url()}});
      queueReleases(*mirror, true);
    } else if (!failing && fetches != state.checkedFetches) {
      queueReleases(*mirror, false);
    }
    state.failing = failing;
    state.checkedFetches = fetches;
    nextDue = std::min(nextDue, mirror->nextFetchDue());
  }
  return nextDue;
}

void GitSourcePoller::queueReleases(chart::git::Mirror& mirror, bool all) {
  for (const nlohmann::json& object : list_()) {
    if (!onRepository(object, mirror.url())) continue;
    const std::string key = kube::client::objectKey(object);
    if (all) {
      enqueue_(key);
      continue;
    }
    const std::string changed = changedAt(mirror, key, object);
    if (changed.empty()) continue;
    runtime::logLine("info", "git commit changed the chart", {{"helmrelease", key}, {"commit", changed}});
    enqueue_(key);
  }
}

std::string GitSourcePoller::changedAt(chart::git::Mirror& mirror, const std::string& key,
                                       const nlohmann::json& object) {
  auto release = parseHelmRelease(object);
  if (!release) return "";
  const std::string& attempted = release->status.lastAttemptedRevision;
  if (attempted.empty()) return "";  // not attempted yet: its first reconcile is queued already
  const ChartSource& source = release->spec.chart;
  const std::string ref = source.refOrDefault(chart::git::kDefaultRef);
  auto commit = mirror.commitOf(ref);
  const std::string current = commit ? *commit : "!" + ref;  // a ref that is gone: let the reconcile say so
  std::string& judged = judged_[key];
  if (judged == attempted + " " + current) return "";
  judged = attempted + " " + current;
  if (commit && (*commit == attempted || !chart::git::chartChangedBetween(mirror, attempted, *commit, source.path))) {
    return "";
  }
  return current;
}

}  // namespace ho::controller
