// Release hooks: the records a release stores (helm's release.Hook, with
// the delete policies from helm.sh/hook-delete-policy) and running the hooks
// of one event in weight order with before-hook-creation and hook-succeeded
// deletion; hook Jobs and Pods are waited for until they finish.
#pragma once

#include <string>
#include <vector>

#include "chart/manifests.h"
#include "controller/action/actions.h"
#include "controller/release/release.h"

namespace ho::controller {

std::vector<HookRecord> hookRecords(const std::vector<chart::Hook>& hooks);

// Runs the hooks of `event` ("pre-install", ...) in weight order and fills in
// their last_run; a Job or Pod hook must finish within `timeout`.
Result<void> runHooks(ActionContext& context, Release& release, const std::string& event,
                      std::chrono::milliseconds timeout);

}  // namespace ho::controller
