// helm-operator: one binary, one subcommand per job (see docs and DESIGN.md).
#include <CLI/CLI.hpp>
#include <iostream>
#include <string_view>
#include <utility>

#include "cli/command.h"

namespace {

using Installer = void (*)(CLI::App&, int&);

constexpr std::pair<std::string_view, Installer> kSubcommands[] = {
    {"version", ho::cli::installVersionCommand}, {"template", ho::cli::installTemplateCommand},
    {"apiserver", ho::cli::installApiserverCommand}, {"repo", ho::cli::installRepoCommand},
    {"run", ho::cli::installRunCommand},         {"render", ho::cli::installRenderCommand},
    {"diff", ho::cli::installDiffCommand},
};

}  // namespace

int main(int argc, char** argv) {
  const std::string_view first = argc > 1 ? argv[1] : "";
  // `template` allocates from its compact heap from here on, the options too.
  if (first == "template") ho::cli::adoptTemplateHeap();
  CLI::App app{"helm-operator: a Helm 3 compatible HelmRelease controller and renderer"};
  app.require_subcommand(1);
  int exitCode = 0;
  // Declaring every subcommand's options is a third of a small `template`
  // run: when the first argument names a subcommand, only that one is set up.
  bool named = false;
  for (const auto& [name, install] : kSubcommands) {
    if (name == first) {
      install(app, exitCode);
      named = true;
    }
  }
  if (!named) {
    for (const auto& subcommand : kSubcommands) subcommand.second(app, exitCode);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exitCode;
}
