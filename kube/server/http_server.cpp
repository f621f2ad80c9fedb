// The Beast-based HTTP server: an accept thread and one thread per connection.
#include "kube/server/http_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <list>
#include <mutex>
#include <sys/socket.h>
#include <thread>

namespace ho::kube {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {


// Writes responses to a plain or TLS stream.
template <class Stream>
class StreamResponseWriter final : public ResponseWriter {
 public:
  StreamResponseWriter(Stream& socket, unsigned version, bool keepAlive)
      : socket_(socket), version_(version), keepAlive_(keepAlive) {}

  void send(int status, std::string_view contentType, std::string_view body) override {
    http::response<http::string_body> response{static_cast<http::status>(status), version_};
    response.set(http::field::content_type, beast::string_view(contentType.data(), contentType.size()));
    response.set(http::field::cache_control, "no-cache, private");
    response.keep_alive(keepAlive_);
    response.body() = std::string(body);
    response.prepare_payload();
    beast::error_code error;
    http::write(socket_, response, error);
    if (error) keepAlive_ = false;
    answered_ = true;
  }

  bool beginStream(int status, std::string_view contentType) override {
    http::response<http::empty_body> response{static_cast<http::status>(status), version_};
    response.set(http::field::content_type, beast::string_view(contentType.data(), contentType.size()));
    response.set(http::field::cache_control, "no-cache, private");
    response.keep_alive(keepAlive_);
    response.chunked(true);
    http::response_serializer<http::empty_body> serializer{response};
    beast::error_code error;
    http::write_header(socket_, serializer, error);
    answered_ = true;
    streaming_ = !error;
    if (error) keepAlive_ = false;
    return streaming_;
  }

  bool writeChunk(std::string_view data) override {
    if (!streaming_) return false;
    beast::error_code error;
    net::write(socket_, http::make_chunk(net::const_buffer(data.data(), data.size())), error);
    if (error) streaming_ = keepAlive_ = false;
    return streaming_;
  }

  void endStream() override {
    if (!streaming_) return;
    beast::error_code error;
    net::write(socket_, http::make_chunk_last(), error);
    if (error) keepAlive_ = false;
    streaming_ = false;
  }

  bool answered() const { return answered_; }
  bool keepAlive() const { return keepAlive_; }

 private:
  Stream& socket_;
  unsigned version_;
  bool keepAlive_;
  bool answered_ = false;
  bool streaming_ = false;
};

}  // namespace

struct HttpServer::State {
  struct Connection {
    explicit Connection(tcp::socket s) : socket(std::move(s)) {}
    tcp::socket socket;
    std::thread thread;
    bool finished = false;  // guarded by State::mutex
    bool overLimit = false;  // opened past maxConnections: its request is answered 503
  };

  State(HttpHandler h, HttpServerLimits l) : handler(std::move(h)), limits(l) {}

  void acceptLoop();
  void serve(Connection& connection);
  template <class Stream>
  void serveRequests(Stream& stream, bool overLimit);
  void reapFinished();

  HttpHandler handler;
  HttpServerLimits limits;
  std::unique_ptr<net::ssl::context> tls;
  net::io_context context;
  tcp::acceptor acceptor{context};
  std::thread acceptThread;
  std::mutex mutex;
  std::list<Connection> connections;
  bool stopping = false;
};

void HttpServer::State::reapFinished() {
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

void HttpServer::State::acceptLoop() {
  for (;;) {
    beast::error_code error;
    tcp::socket socket{context};
    acceptor.accept(socket, error);
    reapFinished();
    std::lock_guard lock(mutex);
    if (stopping) return;
    if (error) continue;
    const bool overLimit = connections.size() >= limits.maxConnections;
    Connection& connection = connections.emplace_back(std::move(socket));
    connection.overLimit = overLimit;
    connection.thread = std::thread([this, &connection] { serve(connection); });
  }
}

// A plain-text answer that closes the connection, with Retry-After when not 0.
template <class Stream>
void refuse(Stream& stream, http::status status, const std::string& message, int retryAfterSeconds) {
  http::response<http::string_body> response{status, 11};
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  if (retryAfterSeconds > 0) response.set(http::field::retry_after, std::to_string(retryAfterSeconds));
  response.keep_alive(false);
  response.body() = message;
  response.prepare_payload();
  beast::error_code ignored;
  http::write(stream, response, ignored);
}

template <class Stream>
void HttpServer::State::serveRequests(Stream& stream, bool overLimit) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(limits.maxBodyBytes);
    beast::error_code error;
    http::read(stream, buffer, parser, error);
    if (error == http::error::body_limit) {
      refuse(stream, http::status::payload_too_large,
             "Request entity too large: limit is " + std::to_string(limits.maxBodyBytes), 0);
    }
    if (error) break;
    if (overLimit) {
      refuse(stream, http::status::service_unavailable,
             "too many open connections (limit " + std::to_string(limits.maxConnections) + "); retry later", 1);
      break;
    }
    http::request<http::string_body>& message = parser.get();
    const HttpRequest request{std::string(message.method_string()), std::string(message.target()),
                              std::string(message[http::field::content_type]),
                              std::string(message[http::field::accept]), std::move(message.body()),
                              std::string(message[http::field::user_agent]),
                              std::string(message[http::field::authorization])};
    StreamResponseWriter<Stream> writer(stream, message.version(), message.keep_alive());
    handler(request, writer);
    if (!writer.answered()) writer.send(500, "text/plain", "no response");
    if (!writer.keepAlive()) break;
  }
}

void HttpServer::State::serve(Connection& connection) {
  if (tls) {
    net::ssl::stream<tcp::socket&> stream(connection.socket, *tls);
    beast::error_code error;
    stream.handshake(net::ssl::stream_base::server, error);
    if (!error) {
      serveRequests(stream, connection.overLimit);
      stream.shutdown(error);
    }
  } else {
    serveRequests(connection.socket, connection.overLimit);
  }
  beast::error_code ignored;
  connection.socket.shutdown(tcp::socket::shutdown_both, ignored);
  std::lock_guard lock(mutex);
  connection.finished = true;
}

HttpServer::HttpServer(HttpHandler handler, HttpServerLimits limits)
    : state_(std::make_unique<State>(std::move(handler), limits)) {}

HttpServer::~HttpServer() { stop(); }

Result<void> HttpServer::useTls(const std::string& certificatePem, const std::string& privateKeyPem) {
  auto context = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
  beast::error_code error;
  context->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                           net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1,
                       error);
  if (!error) context->use_certificate_chain(net::buffer(certificatePem), error);
  if (!error) context->use_private_key(net::buffer(privateKeyPem), net::ssl::context::pem, error);
  if (error) return Error{"tls: " + error.message()};
  state_->tls = std::move(context);
  return {};
}

Result<void> HttpServer::listen(const std::string& host, uint16_t port) {
  // A client that hangs up mid-response must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  beast::error_code error;
  const auto address = net::ip::make_address(host, error);
  if (error) return Error{"invalid listen address \"" + host + "\": " + error.message()};
  const tcp::endpoint endpoint{address, port};
  state_->acceptor.open(endpoint.protocol(), error);
  if (!error) state_->acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (!error) state_->acceptor.bind(endpoint, error);
  if (!error) state_->acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) return Error{"cannot listen on " + host + ":" + std::to_string(port) + ": " + error.message()};
  state_->acceptThread = std::thread([state = state_.get()] { state->acceptLoop(); });
  return {};
}

uint16_t HttpServer::port() const {
  beast::error_code error;
  const tcp::endpoint endpoint = state_->acceptor.local_endpoint(error);
  return error ? 0 : endpoint.port();
}

void HttpServer::stop() {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopping) return;
    state_->stopping = true;
    // Wakes the blocking accept(); closing alone does not on Linux.
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

}  // namespace ho::kube
