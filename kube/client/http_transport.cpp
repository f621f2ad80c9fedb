// Beast-based HTTP(S) exchanges with deadlines: every socket operation is
// started asynchronously and the private io_context is run until it ends,
// so the tcp_stream's expiry bounds it. Ordinary calls reuse idle keep-alive
// connections (a connection the server closed while idle is retried once on
// a fresh one); watch streams always get a connection of their own.
#include "kube/client/http_transport.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <limits>
#include <optional>
#include <vector>

#include "core/file_bytes.h"
#include "kube/client/base64_codec.h"

namespace ho::kube::client {

namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

void StreamCancel::cancel() {
  std::function<void()> close;
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    close = close_;
  }
  if (close) close();
}

bool StreamCancel::cancelled() const {
  std::lock_guard lock(mutex_);
  return cancelled_;
}

void StreamCancel::attach(std::function<void()> closeConnection) {
  std::lock_guard lock(mutex_);
  close_ = std::move(closeConnection);
}

void StreamCancel::detach() {
  std::lock_guard lock(mutex_);
  close_ = nullptr;
}

namespace {

struct Endpoint {
  bool tls = false;
  std::string host;
  std::string port;
  std::string pathPrefix;  // a server URL may carry a path ("https://h/k8s")
};

ApiResult<Endpoint> parseServerUrl(const std::string& url) {
  Endpoint endpoint;
  std::string_view rest(url);
  if (rest.rfind("https://", 0) == 0) {
    endpoint.tls = true;
    rest.remove_prefix(8);
  } else if (rest.rfind("http://", 0) == 0) {
    rest.remove_prefix(7);
  } else {
    return transportError("unsupported server URL \"" + url + "\" (want http:// or https://)");
  }
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) endpoint.pathPrefix = std::string(rest.substr(slash));
  while (!endpoint.pathPrefix.empty() && endpoint.pathPrefix.back() == '/') endpoint.pathPrefix.pop_back();
  size_t portColon = std::string_view::npos;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return transportError("bad server URL \"" + url + "\"");
    endpoint.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size() && authority[close + 1] == ':') portColon = close + 1;
  } else {
    portColon = authority.rfind(':');
    endpoint.host = std::string(authority.substr(0, portColon));
  }
  endpoint.port = portColon == std::string_view::npos ? (endpoint.tls ? "443" : "80")
                                                      : std::string(authority.substr(portColon + 1));
  if (endpoint.host.empty()) return transportError("bad server URL \"" + url + "\"");
  return endpoint;
}

std::optional<std::string> readToken(const RestConfig& config) {
  if (!config.tokenFile.empty()) {
    if (auto text = readFileBytes(config.tokenFile)) {
      std::string token = std::move(*text);
      while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
      if (!token.empty()) return token;
    }
  }
  if (!config.bearerToken.empty()) return config.bearerToken;
  return std::nullopt;
}

// One connection: plain TCP or TLS over TCP, driven by its own io_context.
class Connection {
 public:
  Connection(const Endpoint& endpoint, ssl::context* tls, const std::string& serverName)
      : endpoint_(endpoint), serverName_(serverName.empty() ? endpoint.host : serverName) {
    if (tls) {
      secure_.emplace(ioc_, *tls);
    } else {
      plain_.emplace(ioc_);
    }
  }

  beast::tcp_stream& tcp() { return secure_ ? beast::get_lowest_layer(*secure_) : *plain_; }

  beast::error_code open(std::chrono::milliseconds timeout) {
    tcp::resolver resolver(ioc_);
    beast::error_code error;
    const auto addresses = resolver.resolve(endpoint_.host, endpoint_.port, error);
    if (error) return error;
    tcp().expires_after(timeout);
    error = run([&](auto handler) { tcp().async_connect(addresses, handler); });
    if (error || !secure_) return error;
    SSL* handle = secure_->native_handle();
    beast::error_code ignored;
    const bool isAddress = !net::ip::make_address(serverName_, ignored).is_unspecified() && !ignored;
    if (!isAddress) SSL_set_tlsext_host_name(handle, serverName_.c_str());
    secure_->set_verify_callback(ssl::host_name_verification(serverName_));
    tcp().expires_after(timeout);
    return run([&](auto handler) { secure_->async_handshake(ssl::stream_base::client, handler); });
  }

  template <class Message>
  beast::error_code write(Message& message, std::chrono::milliseconds timeout) {
    tcp().expires_after(timeout);
    return withStream([&](auto& stream) { return run([&](auto handler) { http::async_write(stream, message, handler); }); });
  }

  template <class Parser>
  beast::error_code readHeader(Parser& parser, std::chrono::milliseconds timeout) {
    tcp().expires_after(timeout);
    return withStream(
        [&](auto& stream) { return run([&](auto handler) { http::async_read_header(stream, buffer_, parser, handler); }); });
  }

  template <class Parser>
  beast::error_code readSome(Parser& parser, std::chrono::milliseconds timeout) {
    tcp().expires_after(timeout);
    return withStream(
        [&](auto& stream) { return run([&](auto handler) { http::async_read_some(stream, buffer_, parser, handler); }); });
  }

  // Thread-safe: closes the socket from the connection's own executor.
  void closeSoon() {
    net::post(ioc_, [this] {
      beast::error_code ignored;
      tcp().socket().close(ignored);
    });
  }

 private:
  template <class Body>
  beast::error_code withStream(Body body) {
    if (secure_) return body(*secure_);
    return body(*plain_);
  }

  template <class Start>
  beast::error_code run(Start start) {
    beast::error_code result = net::error::timed_out;
    start([&result](beast::error_code error, auto&&...) { result = error; });
    ioc_.restart();
    ioc_.run();
    return result;
  }

  net::io_context ioc_;
  Endpoint endpoint_;
  std::string serverName_;
  std::optional<beast::tcp_stream> plain_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure_;
  beast::flat_buffer buffer_;
};

// Boost 1.74 compares a Content-Length against boost::none as "exceeded", so
// "no limit" is spelled as the largest limit.
constexpr std::uint64_t kNoBodyLimit = std::numeric_limits<std::uint64_t>::max();

ApiError failure(const std::string& what, const beast::error_code& error, std::string reason = "Transport") {
  return transportError(what + ": " + error.message(), std::move(reason));
}

}  // namespace

struct HttpTransport::State {
  RestConfig config;
  Endpoint endpoint;
  std::optional<ssl::context> tls;
  std::mutex idleMutex;
  std::vector<std::unique_ptr<Connection>> idle;  // keep-alive connections ready for reuse

  http::request<http::string_body> buildRequest(const HttpCall& call, bool keepAlive) const {
    http::request<http::string_body> request;
    request.method_string(call.method);
    request.target(endpoint.pathPrefix + call.target);
    request.version(11);
    request.set(http::field::host, endpoint.host + ":" + endpoint.port);
    request.set(http::field::user_agent, "helm-operator");
    request.set(http::field::accept, call.accept);
    if (!call.contentType.empty()) request.set(http::field::content_type, call.contentType);
    if (auto token = readToken(config)) {
      request.set(http::field::authorization, "Bearer " + *token);
    } else if (!config.username.empty()) {
      request.set(http::field::authorization, "Basic " + base64Encode(config.username + ":" + config.password));
    }
    request.keep_alive(keepAlive);
    request.body() = call.body;
    request.prepare_payload();
    return request;
  }

  ApiResult<std::unique_ptr<Connection>> dial(const HttpCall& call, std::chrono::milliseconds timeout) {
    auto connection = std::make_unique<Connection>(endpoint, tls ? &*tls : nullptr, config.tlsServerName);
    if (auto error = connection->open(timeout)) {
      return failure(call.method + " " + config.server + call.target + ": dial", error, "Dial");
    }
    return connection;
  }

  std::unique_ptr<Connection> takeIdle() {
    std::lock_guard lock(idleMutex);
    if (idle.empty()) return nullptr;
    auto connection = std::move(idle.back());
    idle.pop_back();
    return connection;
  }

  void keepIdle(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(idleMutex);
    if (idle.size() < kMaxIdleConnections) idle.push_back(std::move(connection));
  }

  // After one pooled connection turned out closed, the others (same server,
  // same idle time) most likely are too.
  void dropIdle() {
    std::lock_guard lock(idleMutex);
    idle.clear();
  }

  static constexpr size_t kMaxIdleConnections = 32;
};

namespace {

template <class Fields>
HttpReply replyHead(const Fields& header, int status) {
  HttpReply reply;
  reply.status = status;
  if (auto found = header.find(http::field::content_type); found != header.end()) {
    reply.contentType = std::string(found->value());
  }
  if (auto found = header.find(http::field::retry_after); found != header.end()) {
    reply.retryAfter = std::string(found->value());
  }
  return reply;
}

}  // namespace

ApiResult<std::shared_ptr<HttpTransport>> HttpTransport::create(const RestConfig& config) {
  auto endpoint = parseServerUrl(config.server);
  if (!endpoint) return endpoint.error();
  auto state = std::make_unique<State>();
  state->config = config;
  state->endpoint = *endpoint;
  if (endpoint->tls) {
    state->tls.emplace(ssl::context::tls_client);
    ssl::context& context = *state->tls;
    beast::error_code error;
    if (config.insecureSkipTlsVerify) {
      context.set_verify_mode(ssl::verify_none);
    } else {
      context.set_verify_mode(ssl::verify_peer);
      if (config.caPem.empty()) {
        context.set_default_verify_paths(error);
      } else {
        context.add_certificate_authority(net::buffer(config.caPem), error);
      }
      if (error) return transportError("unable to load root certificates: " + error.message());
    }
    if (!config.clientCertPem.empty() || !config.clientKeyPem.empty()) {
      context.use_certificate_chain(net::buffer(config.clientCertPem), error);
      if (!error) context.use_private_key(net::buffer(config.clientKeyPem), ssl::context::pem, error);
      if (error) return transportError("unable to load client certificate or key: " + error.message());
    }
  }
  return std::shared_ptr<HttpTransport>(new HttpTransport(std::move(state)));
}

HttpTransport::HttpTransport(std::unique_ptr<State> state) : state_(std::move(state)) {}
HttpTransport::~HttpTransport() = default;

ApiResult<HttpReply> HttpTransport::send(const HttpCall& call, std::chrono::milliseconds timeout) {
  const std::string where = call.method + " " + state_->config.server + call.target;
  auto request = state_->buildRequest(call, true);
  for (;;) {
    auto connection = state_->takeIdle();
    const bool reused = connection != nullptr;
    if (!reused) {
      auto dialed = state_->dial(call, timeout);
      if (!dialed) return dialed.error();
      connection = std::move(*dialed);
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(kNoBodyLimit);
    beast::error_code error = connection->write(request, timeout);
    while (!error && !parser.is_done()) error = connection->readSome(parser, timeout);
    if (error) {
      // A reused connection that fails before any byte of an answer was
      // closed by the server while idle: the request never reached it.
      if (reused && !parser.got_some()) {
        state_->dropIdle();
        continue;
      }
      return failure(where, error);
    }
    auto& message = parser.get();
    HttpReply reply = replyHead(message, static_cast<int>(message.result_int()));
    reply.body = std::move(message.body());
    if (parser.keep_alive()) state_->keepIdle(std::move(connection));
    return reply;
  }
}

ApiResult<HttpReply> HttpTransport::stream(const HttpCall& call, std::chrono::milliseconds idleTimeout,
                                           const std::function<bool(std::string_view)>& onData, StreamCancel* cancel) {
  if (cancel && cancel->cancelled()) return transportError("stream cancelled");
  auto connected = state_->dial(call, idleTimeout);
  if (!connected) return connected.error();
  Connection& connection = **connected;
  auto request = state_->buildRequest(call, false);
  const std::string where = call.method + " " + state_->config.server + call.target;
  if (auto error = connection.write(request, idleTimeout)) return failure(where, error);
  if (cancel) cancel->attach([&connection] { connection.closeSoon(); });
  struct Detach {
    StreamCancel* cancel;
    ~Detach() {
      if (cancel) cancel->detach();
    }
  } detach{cancel};

  http::response_parser<http::buffer_body> parser;
  parser.body_limit(kNoBodyLimit);
  if (auto error = connection.readHeader(parser, idleTimeout)) {
    return failure(where, error);
  }
  HttpReply reply = replyHead(parser.get(), static_cast<int>(parser.get().result_int()));
  const bool success = reply.status >= 200 && reply.status < 300;
  char chunk[16384];
  while (!parser.is_done()) {
    if (cancel && cancel->cancelled()) return reply;
    parser.get().body().data = chunk;
    parser.get().body().size = sizeof chunk;
    const auto error = connection.readSome(parser, idleTimeout);
    const size_t received = sizeof chunk - parser.get().body().size;
    if (received > 0) {
      const std::string_view data(chunk, received);
      if (!success) {
        reply.body.append(data);
      } else if (!onData(data)) {
        return reply;
      }
    }
    if (error && error != http::error::need_buffer) {
      if (cancel && cancel->cancelled()) return reply;
      if (error == http::error::end_of_stream || error == net::error::eof) break;
      return failure(where, error);
    }
  }
  return reply;
}

}  // namespace ho::kube::client
