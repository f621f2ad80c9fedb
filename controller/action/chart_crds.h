// The CustomResourceDefinitions in a chart's crds/ folder, applied to the
// cluster: helm install creates the missing ones (never updating or deleting
// any); the controller's CRD policy for upgrades (spec.upgrade.crds) can also
// create missing ones or replace existing ones. Created CRDs are waited for
// until Established, and the REST mapper then rediscovers the new kinds.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "chart/chart.h"
#include "controller/action/actions.h"
#include "core/error.h"

namespace ho::controller {

enum class ExistingCrds : std::uint8_t { Keep, Replace };

// Creates each crds/ object the cluster lacks; with ExistingCrds::Replace also
// replaces (PUT) the ones it has. Errors name the CRD.
Result<void> applyChartCrds(ActionContext& context, const chart::Chart& chart, const std::string& ns,
                            ExistingCrds existing, std::chrono::milliseconds timeout);

}  // namespace ho::controller
