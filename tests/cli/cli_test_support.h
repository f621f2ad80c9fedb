// Helpers for the CLI end-to-end tests: a private temporary folder to write
// files into, and running a command line with stdout and stderr captured
// separately.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/file_bytes.h"

namespace ho::cli::testing {

struct CommandOutput {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// A file's bytes, empty when it cannot be read.
inline std::string readText(const std::filesystem::path& path) {
  auto bytes = readFileBytes(path.string());
  return bytes ? std::move(*bytes) : std::string();
}

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ho-cli-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `relative` (parent folders made as needed) and returns its full path.
  std::string write(const std::string& relative, const std::string& content) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::trunc | std::ios::binary) << content;
    return file.string();
  }
  // Runs `commandLine` through the shell in this folder.
  CommandOutput run(const std::string& commandLine) const {
    const std::filesystem::path errFile = path_ / ".stderr";
    const std::string full = "cd '" + path_.string() + "' && " + commandLine + " 2>'" + errFile.string() + "'";
    CommandOutput result;
    FILE* pipe = popen(full.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 65536> buffer{};
    std::size_t count = 0;
    while ((count = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), count);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.err = readText(errFile);
    return result;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace ho::cli::testing
