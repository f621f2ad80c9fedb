// The client transport's keep-alive pool: sequential calls share one TCP
// connection, and a pooled connection the server closed while idle is
// replaced transparently (the call still succeeds, once).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>

#include "kube/client/http_transport.h"

namespace ho::kube::client {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

// Answers every request with 200 "ok <n>" on keep-alive connections and
// counts the connections it accepted. With `closeAfterEachAnswer` it hangs up
// after each answer without announcing it, as a server whose idle timeout
// expired does.
class CountingServer {
 public:
  explicit CountingServer(bool closeAfterEachAnswer)
      : acceptor_(context_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)),
        closeAfterEachAnswer_(closeAfterEachAnswer) {
    thread_ = std::thread([this] { acceptLoop(); });
  }
  ~CountingServer() {
    stopping_ = true;
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }
  int connections() const { return connections_; }
  int requests() const { return requests_; }

 private:
  void acceptLoop() {
    while (!stopping_) {
      tcp::socket socket(context_);
      beast::error_code error;
      acceptor_.accept(socket, error);
      if (error || stopping_) return;
      ++connections_;
      serve(socket);
    }
  }

  // One connection at a time is enough: the tests call sequentially.
  void serve(tcp::socket& socket) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      beast::error_code error;
      http::read(socket, buffer, request, error);
      if (error) return;
      http::response<http::string_body> response(http::status::ok, 11);
      response.set(http::field::content_type, "text/plain");
      response.body() = "ok " + std::to_string(++requests_);
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      http::write(socket, response, error);
      if (error || closeAfterEachAnswer_ || !request.keep_alive()) {
        socket.shutdown(tcp::socket::shutdown_both, error);
        socket.close(error);
        return;
      }
    }
  }

  net::io_context context_;
  tcp::acceptor acceptor_;
  const bool closeAfterEachAnswer_;
  std::atomic<bool> stopping_ = false;
  std::atomic<int> connections_ = 0;
  std::atomic<int> requests_ = 0;
  std::thread thread_;
};

std::shared_ptr<HttpTransport> transportFor(const CountingServer& server) {
  RestConfig config;
  config.server = server.url();
  auto transport = HttpTransport::create(config);
  EXPECT_TRUE(transport.ok());
  return *transport;
}

HttpCall get(const std::string& path) {
  HttpCall call;
  call.target = path;
  return call;
}

TEST(HttpTransportKeepAlive, SequentialCallsShareOneConnection) {
  CountingServer server(false);
  auto transport = transportFor(server);
  for (int i = 1; i <= 5; ++i) {
    auto reply = transport->send(get("/api/v1/namespaces"), std::chrono::seconds(10));
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, "ok " + std::to_string(i));
  }
  EXPECT_EQ(server.connections(), 1);
}

TEST(HttpTransportKeepAlive, ConnectionClosedWhileIdleIsReplacedOnce) {
  CountingServer server(true);
  auto transport = transportFor(server);
  for (int i = 1; i <= 3; ++i) {
    auto reply = transport->send(get("/api/v1/pods"), std::chrono::seconds(10));
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    EXPECT_EQ(reply->body, "ok " + std::to_string(i));
  }
  // Every call found its pooled connection closed and sent exactly once on a new one.
  EXPECT_EQ(server.requests(), 3);
  EXPECT_EQ(server.connections(), 3);
}

}  // namespace
}  // namespace ho::kube::client
