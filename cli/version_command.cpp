// `helm-operator version`: prints the version.
#include <iostream>

#include "cli/command.h"

namespace ho::cli {

void installVersionCommand(CLI::App& app, int& exitCode) {
  CLI::App* cmd = app.add_subcommand("version", "Print the version");
  cmd->callback([&exitCode] {
    std::cout << "helm-operator " << HO_VERSION << "\n";
    exitCode = 0;
  });
}

}  // namespace ho::cli
