// The current time as Kubernetes and log lines spell it: RFC 3339 in UTC
// with a chosen number of fraction digits (metav1.MicroTime uses 6, log lines 3).
#pragma once

#include <string>

namespace ho::controller::runtime {

// e.g. utcNow(3) == "2026-05-01T10:00:00.123Z"; 0 digits leaves out the fraction.
std::string utcNow(int fractionDigits);

}  // namespace ho::controller::runtime
