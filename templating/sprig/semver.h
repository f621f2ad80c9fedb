// Sprig's semver functions: semver (a *semver.Version object with .Major,
// .Minor, .Patch, .Prerelease, .Metadata, .Original and comparison methods)
// and semverCompare.
#pragma once

#include "templating/function_table.h"
#include "templating/sprig/semver_constraint.h"

namespace ho::tmpl {

// The template value of a parsed version (type *semver.Version).
Value semverObject(SemVersion version);

void registerSemverFunctions(FunctionTable& table);

}  // namespace ho::tmpl
