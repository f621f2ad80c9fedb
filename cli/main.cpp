// helm-operator: one binary, one subcommand per job (see docs and DESIGN.md).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{"helm-operator: a Helm 3 compatible HelmRelease controller and renderer"};
  app.require_subcommand(1);
  int exitCode = 0;
  for (auto install : {ho::cli::installVersionCommand, ho::cli::installTemplateCommand,
                       ho::cli::installApiserverCommand, ho::cli::installRepoCommand, ho::cli::installRunCommand,
                       ho::cli::installRenderCommand, ho::cli::installDiffCommand}) {
    install(app, exitCode);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exitCode;
}
