// `repo serve`: a static chart repository over HTTP/1.1 (Boost.Beast, one
// thread per connection, bounded): GET and HEAD of the files under a folder,
// ETag and Last-Modified with 304 answers to conditional requests, optional
// basic auth or bearer token, and nothing outside the folder ever served.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"

namespace ho::chart::repo {

struct StaticServerOptions {
  std::string root;         // the folder served at "/"
  std::string username;     // when set, requests need this basic auth ...
  std::string password;
  std::string bearerToken;  // ... or, when set, this bearer token
  std::size_t maxConnections = 128;
  int idleTimeoutSeconds = 30;  // a silent connection is closed after this
  // Called once per request with "METHOD /path STATUS"; may be empty.
  std::function<void(const std::string&)> log;
};

class StaticRepoServer {
 public:
  explicit StaticRepoServer(StaticServerOptions options);
  ~StaticRepoServer();
  StaticRepoServer(const StaticRepoServer&) = delete;
  StaticRepoServer& operator=(const StaticRepoServer&) = delete;

  // Binds and starts serving in the background; port 0 picks a free port.
  Result<void> listen(const std::string& host, std::uint16_t port);
  std::uint16_t port() const;
  // Stops accepting, closes every connection and joins their threads.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ho::chart::repo
