// Subcommand registry: each subcommand of helm-operator registers its CLI11
// options and a run function here, so adding one is one file.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <span>
#include <string>

namespace ho::cli {

// Adds a subcommand to `app`; the callback it sets decides the exit code
// through `exitCode`.
using CommandInstaller = std::function<void(CLI::App& app, int& exitCode)>;

void installVersionCommand(CLI::App& app, int& exitCode);
void installTemplateCommand(CLI::App& app, int& exitCode);
void installApiserverCommand(CLI::App& app, int& exitCode);
void installRepoCommand(CLI::App& app, int& exitCode);
void installRunCommand(CLI::App& app, int& exitCode);
void installRenderCommand(CLI::App& app, int& exitCode);
void installDiffCommand(CLI::App& app, int& exitCode);

// `template` with the arguments after it (Helm's flags, parsed as Helm parses
// them): the exit code.
int runTemplateCommand(std::span<const std::string> args);

// Makes the calling thread allocate as `template` does, from the compact heap
// (core/compact_heap.h); main calls it when `template` is the first argument,
// so that the command line's parsing allocates from there too, and
// runTemplateCommand again (a no-op when done; needed when options come
// before the subcommand).
void adoptTemplateHeap();

}  // namespace ho::cli
