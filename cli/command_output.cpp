// failWith, stdoutSink and finishOutput: the last step of the printing subcommands.
#include "cli/command_output.h"

#include <cstdio>
#include <iostream>

namespace ho::cli {

int failWith(const Error& error) {
  std::cerr << "Error: " << error.message << "\n";
  return 1;
}

const chart::TextSink& stdoutSink() {
  static const chart::TextSink sink = [](std::string_view piece) {
    std::fwrite(piece.data(), 1, piece.size(), stdout);
  };
  return sink;
}

int finishOutput(const Result<void>& written) {
  if (!written) return failWith(written.error());
  return std::fflush(stdout) == 0 && !std::ferror(stdout) ? 0 : 1;
}

}  // namespace ho::cli
