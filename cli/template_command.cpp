// `helm-operator template RELEASE CHART`: renders a chart like `helm template`.
#include <iostream>

#include "cli/command.h"

namespace ho::cli {

void installTemplateCommand(CLI::App& app, int& exitCode) {
  CLI::App* cmd = app.add_subcommand("template", "Render a chart exactly like `helm template`");
  cmd->allow_extras();
  cmd->callback([&exitCode] {
    std::cerr << "Error: template rendering is not built yet\n";
    exitCode = 1;
  });
}

}  // namespace ho::cli
