// How a subcommand ends: its text on stdout (exit code 0, or 1 when stdout
// cannot be written), or Helm's `Error: MESSAGE` line on stderr (exit code 1).
#pragma once

#include <string>

#include "core/error.h"

namespace ho::cli {

int failWith(const Error& error);
int printOutput(const Result<std::string>& output);

}  // namespace ho::cli
