// `helm-operator` as a child process for end-to-end tests: started with any
// arguments, its stdout and stderr appended to a log file, stopped with
// SIGTERM (exit status kept) or killed; plus a free loopback port for --listen.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ho::controller::testing {

class OperatorProcess {
 public:
  OperatorProcess(std::vector<std::string> arguments, std::string logFile);
  ~OperatorProcess();
  OperatorProcess(const OperatorProcess&) = delete;
  OperatorProcess& operator=(const OperatorProcess&) = delete;

  void start();
  pid_t pid() const { return pid_; }
  // SIGTERM and wait up to `timeout`: the exit status, or nullopt when it had to be killed.
  std::optional<int> terminate(std::chrono::milliseconds timeout = std::chrono::seconds(15));
  void kill();
  std::string log() const;

 private:
  std::vector<std::string> arguments_;
  std::string logFile_;
  pid_t pid_ = -1;
};

// A loopback TCP port nobody listens on right now.
int freeLoopbackPort();

}  // namespace ho::controller::testing
