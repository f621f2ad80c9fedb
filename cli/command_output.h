// How a subcommand ends: its text on stdout, written as it is produced (exit
// code 0, or 1 when stdout cannot be written), or Helm's `Error: MESSAGE` line
// on stderr (exit code 1).
#pragma once

#include "chart/manifests.h"
#include "core/error.h"

namespace ho::cli {

int failWith(const Error& error);

// A sink writing each piece to stdout.
const chart::TextSink& stdoutSink();
// The exit code once a command has streamed its output through stdoutSink():
// failWith(error) when it failed (before writing anything), else 0 when all
// of stdout was written.
int finishOutput(const Result<void>& written);

}  // namespace ho::cli
