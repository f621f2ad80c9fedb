// printOutput and failWith: the last step of the printing subcommands.
#include "cli/command_output.h"

#include <iostream>

namespace ho::cli {

int failWith(const Error& error) {
  std::cerr << "Error: " << error.message << "\n";
  return 1;
}

int printOutput(const Result<std::string>& output) {
  if (!output) return failWith(output.error());
  std::cout << *output;
  std::cout.flush();
  return std::cout ? 0 : 1;
}

}  // namespace ho::cli
