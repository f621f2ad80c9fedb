// A fault-injecting HTTP proxy for tests, placed between a client (the
// controller) and an API server: requests are forwarded unchanged unless a
// rule matches them, and then the rule answers an error status (with a
// Kubernetes Status body and optionally Retry-After), drops the connection
// unanswered, or lets a watch through but cuts it after some events. A rule
// can also run a callback when it fires (a test kills the controller there,
// at an exact step). The upstream can be switched while running, so the
// proxy keeps one address across an API server restart.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ho::controller::testing {

struct FaultRule {
  enum class Fault {
    Answer,    // answer `status` instead of forwarding
    Drop,      // close the connection without an answer
    CutWatch,  // forward a watch, close it after `watchEvents` events
  };
  std::string method{};      // "" matches every method
  std::string pathContains{};  // "" matches every target (path and query)
  int every = 1;             // fires on every Nth matching request (1: on each)
  int times = -1;            // fires at most this often (-1: no limit)
  Fault fault = Fault::Answer;
  int status = 500;
  int retryAfterSeconds = 0;  // sent as Retry-After when not 0
  int watchEvents = 1;
  std::function<void()> onFire{};  // runs before the fault is applied
};

class FaultProxy {
 public:
  // Forwards to `upstreamUrl` (http://127.0.0.1:PORT); listens on 127.0.0.1 and a free port.
  explicit FaultProxy(const std::string& upstreamUrl);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::string url() const;  // http://127.0.0.1:PORT
  void setUpstream(const std::string& upstreamUrl);

  // Adds a rule (rules are tried in order; the first that fires wins); returns its id.
  int addRule(FaultRule rule);
  void clearRules();
  // How often rule `id` has fired.
  int fired(int id) const;
  // Requests seen so far (forwarded or not), as "METHOD TARGET".
  std::vector<std::string> requests() const;

  // Stops accepting, closes every connection and joins their threads.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ho::controller::testing
