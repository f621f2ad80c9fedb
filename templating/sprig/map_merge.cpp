// mergo-style deep map merging.
#include "templating/sprig/map_merge.h"

#include "core/error.h"
#include "core/stack_guard.h"

namespace ho::tmpl {

namespace {

void merge(Map& destination, const Map& source, bool overwrite) {
  if (stackNearlyExhausted()) throw Failure("merge: maps nested too deeply");
  for (const auto& [key, incoming] : source) {
    auto it = destination.find(key);
    if (it == destination.end()) {
      destination.emplace(key, incoming);
      continue;
    }
    Value& current = it->second;
    if (current.isMap() && incoming.isMap() && (overwrite || current.truthy())) {
      merge(current.mutableMap(), incoming.asMap(), overwrite);
    } else if (overwrite || !current.truthy()) {
      current = incoming;
    }
  }
}

}  // namespace

void mergeInto(Map& destination, const Map& source) { merge(destination, source, false); }

void mergeOverwriting(Map& destination, const Map& source) { merge(destination, source, true); }

}  // namespace ho::tmpl
