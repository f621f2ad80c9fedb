// The Beast server behind `repo serve`.
#include "chart/repo/static_server.h"

#include <openssl/evp.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <list>
#include <mutex>
#include <optional>
#include <thread>

#include "chart/repo/cache_files.h"

namespace ho::chart::repo {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace fs = std::filesystem;
using tcp = net::ip::tcp;

namespace {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

std::string base64(std::string_view text) {
  std::string out(4 * ((text.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string httpDate(std::time_t t) {
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

std::optional<std::time_t> parseHttpDate(const std::string& text) {
  std::tm utc{};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
  if (end == nullptr) return std::nullopt;
  return timegm(&utc);
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The request path percent-decoded, or nullopt when it is malformed, has a NUL
// or names a parent folder.
std::optional<std::string> decodePath(std::string_view target) {
  target = target.substr(0, target.find('?'));
  if (!target.starts_with('/')) return std::nullopt;
  std::string path;
  for (std::size_t i = 0; i < target.size(); ++i) {
    if (target[i] != '%') {
      path.push_back(target[i]);
      continue;
    }
    if (i + 2 >= target.size() || hexValue(target[i + 1]) < 0 || hexValue(target[i + 2]) < 0) return std::nullopt;
    path.push_back(static_cast<char>(hexValue(target[i + 1]) * 16 + hexValue(target[i + 2])));
    i += 2;
  }
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return std::nullopt;
  for (const auto& element : fs::path(path)) {
    if (element == "..") return std::nullopt;
  }
  return path;
}

std::string contentType(const fs::path& file) {
  auto extension = file.extension().string();
  if (extension == ".tgz" || extension == ".gz") return "application/gzip";
  if (extension == ".yaml" || extension == ".yml") return "application/x-yaml";
  if (extension == ".json") return "application/json";
  if (extension == ".prov" || extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

struct StaticRepoServer::State {
  struct Connection {
    explicit Connection(tcp::socket s) : socket(std::move(s)) {}
    tcp::socket socket;
    std::thread thread;
    bool finished = false;  // guarded by State::mutex
  };

  explicit State(StaticServerOptions o) : options(std::move(o)) {}

  void acceptLoop();
  void serve(Connection& connection);
  void joinFinished();
  Response answer(const Request& request) const;
  bool authorized(const Request& request) const;

  StaticServerOptions options;
  fs::path canonicalRoot;
  net::io_context context;
  tcp::acceptor acceptor{context};
  std::thread acceptThread;
  std::mutex mutex;
  std::list<Connection> connections;
  bool stopping = false;
};

bool StaticRepoServer::State::authorized(const Request& request) const {
  auto header = request[http::field::authorization];
  std::string_view given(header.data(), header.size());
  if (!options.username.empty() || !options.password.empty()) {
    return given == "Basic " + base64(options.username + ":" + options.password);
  }
  if (!options.bearerToken.empty()) return given == "Bearer " + options.bearerToken;
  return true;
}

Response StaticRepoServer::State::answer(const Request& request) const {
  auto reply = [&](http::status status, std::string body) {
    Response response{status, request.version()};
    response.set(http::field::server, "helm-operator");
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.body() = std::move(body);
    return response;
  };
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    auto response = reply(http::status::method_not_allowed, "method not allowed\n");
    response.set(http::field::allow, "GET, HEAD");
    return response;
  }
  if (!authorized(request)) {
    auto response = reply(http::status::unauthorized, "unauthorized\n");
    response.set(http::field::www_authenticate,
                 options.bearerToken.empty() ? "Basic realm=\"helm-operator\"" : "Bearer realm=\"helm-operator\"");
    return response;
  }
  auto path = decodePath(std::string_view(request.target().data(), request.target().size()));
  if (!path) return reply(http::status::bad_request, "bad request path\n");
  std::error_code ec;
  fs::path file = fs::weakly_canonical(canonicalRoot / fs::path(*path).relative_path(), ec);
  auto [rootEnd, fileIt] = std::mismatch(canonicalRoot.begin(), canonicalRoot.end(), file.begin(), file.end());
  if (ec || rootEnd != canonicalRoot.end() || !fs::is_regular_file(file, ec)) {
    return reply(http::status::not_found, "404 page not found\n");
  }
  auto size = fs::file_size(file, ec);
  auto written = fs::last_write_time(file, ec);
  if (ec) return reply(http::status::not_found, "404 page not found\n");
  auto modified = std::chrono::file_clock::to_sys(written);
  auto modifiedNanos = std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count();
  std::time_t modifiedSeconds = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::system_clock::duration>(modified));
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%jx-%llx\"", static_cast<std::uintmax_t>(size),
                static_cast<unsigned long long>(modifiedNanos));
  std::string lastModified = httpDate(modifiedSeconds);

  auto ifNoneMatch = request[http::field::if_none_match];
  auto ifModifiedSince = request[http::field::if_modified_since];
  bool notModified = false;
  if (!ifNoneMatch.empty()) {
    std::string_view tags(ifNoneMatch.data(), ifNoneMatch.size());
    notModified = tags == "*" || tags.find(etag) != std::string_view::npos;
  } else if (!ifModifiedSince.empty()) {
    auto since = parseHttpDate(std::string(ifModifiedSince));
    notModified = since && modifiedSeconds <= *since;
  }
  Response response = reply(notModified ? http::status::not_modified : http::status::ok, "");
  response.set(http::field::etag, etag);
  response.set(http::field::last_modified, lastModified);
  response.set(http::field::content_type, contentType(file));
  if (notModified) return response;
  if (request.method() == http::verb::head) {
    response.content_length(size);
    return response;
  }
  auto bytes = readCacheFile(file.string());
  if (!bytes) return reply(http::status::internal_server_error, "cannot read file\n");
  response.body() = std::move(*bytes);
  return response;
}

void StaticRepoServer::State::joinFinished() {
  std::list<Connection> finished;
  {
    std::lock_guard lock(mutex);
    for (auto it = connections.begin(); it != connections.end();) {
      auto current = it++;
      if (current->finished) finished.splice(finished.end(), connections, current);
    }
  }
  for (Connection& connection : finished) connection.thread.join();
}

void StaticRepoServer::State::acceptLoop() {
  for (;;) {
    beast::error_code error;
    tcp::socket socket{context};
    acceptor.accept(socket, error);
    joinFinished();
    std::lock_guard lock(mutex);
    if (stopping) return;
    if (error) continue;
    if (connections.size() >= options.maxConnections) continue;  // dropped: the socket closes here
    timeval timeout{options.idleTimeoutSeconds, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    Connection& connection = connections.emplace_back(std::move(socket));
    connection.thread = std::thread([this, &connection] { serve(connection); });
  }
}

void StaticRepoServer::State::serve(Connection& connection) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(64 * 1024);
    parser.header_limit(64 * 1024);
    beast::error_code error;
    http::read(connection.socket, buffer, parser, error);
    if (error) break;
    const Request& request = parser.get();
    Response response = answer(request);
    if (options.log) {
      options.log(std::string(request.method_string()) + " " + std::string(request.target()) + " " +
                  std::to_string(response.result_int()));
    }
    response.keep_alive(request.keep_alive());
    bool head = request.method() == http::verb::head;
    if (!head || response.result() != http::status::ok) response.prepare_payload();
    if (head) {
      http::response_serializer<http::string_body> serializer{response};
      http::write_header(connection.socket, serializer, error);
    } else {
      http::write(connection.socket, response, error);
    }
    if (error || !request.keep_alive()) break;
  }
  beast::error_code ignored;
  connection.socket.shutdown(tcp::socket::shutdown_both, ignored);
  std::lock_guard lock(mutex);
  connection.finished = true;
}

StaticRepoServer::StaticRepoServer(StaticServerOptions options)
    : state_(std::make_unique<State>(std::move(options))) {}

StaticRepoServer::~StaticRepoServer() { stop(); }

Result<void> StaticRepoServer::listen(const std::string& host, std::uint16_t port) {
  std::signal(SIGPIPE, SIG_IGN);  // a client hanging up mid-response must not kill us
  std::error_code ec;
  state_->canonicalRoot = fs::canonical(state_->options.root, ec);
  if (ec || !fs::is_directory(state_->canonicalRoot)) {
    return Error{"cannot serve " + state_->options.root + ": not a readable folder"};
  }
  beast::error_code error;
  auto address = net::ip::make_address(host, error);
  if (error) return Error{"invalid listen address \"" + host + "\": " + error.message()};
  tcp::endpoint endpoint{address, port};
  state_->acceptor.open(endpoint.protocol(), error);
  if (!error) state_->acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (!error) state_->acceptor.bind(endpoint, error);
  if (!error) state_->acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) return Error{"cannot listen on " + host + ":" + std::to_string(port) + ": " + error.message()};
  state_->acceptThread = std::thread([state = state_.get()] { state->acceptLoop(); });
  return {};
}

std::uint16_t StaticRepoServer::port() const {
  beast::error_code error;
  auto endpoint = state_->acceptor.local_endpoint(error);
  return error ? 0 : endpoint.port();
}

void StaticRepoServer::stop() {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopping) return;
    state_->stopping = true;
    if (state_->acceptor.is_open()) ::shutdown(state_->acceptor.native_handle(), SHUT_RDWR);
    for (State::Connection& connection : state_->connections) {
      beast::error_code ignored;
      connection.socket.shutdown(tcp::socket::shutdown_both, ignored);
    }
  }
  if (state_->acceptThread.joinable()) state_->acceptThread.join();
  std::list<State::Connection> remaining;
  {
    std::lock_guard lock(state_->mutex);
    remaining.splice(remaining.end(), state_->connections);
  }
  for (State::Connection& connection : remaining) connection.thread.join();
  beast::error_code ignored;
  state_->acceptor.close(ignored);
}

}  // namespace ho::chart::repo
