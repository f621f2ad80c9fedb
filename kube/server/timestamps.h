// Times as the Kubernetes API writes them (RFC 3339, UTC, whole seconds) and
// ages as kubectl prints them ("5m", "2d3h").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ho::kube {

using Clock = std::chrono::system_clock;

std::string formatTimestamp(Clock::time_point when);
std::optional<Clock::time_point> parseTimestamp(std::string_view text);
// k8s.io/apimachinery duration.HumanDuration.
std::string humanDuration(std::chrono::seconds elapsed);

}  // namespace ho::kube
