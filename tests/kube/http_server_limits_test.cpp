// The HTTP server's limits give clear answers: a request body over
// maxBodyBytes is answered 413 (kube-apiserver's message), and a connection
// opened while maxConnections are open is answered 503 with Retry-After;
// once a connection closes, new ones are served again.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "kube/server/http_server.h"

namespace ho::kube {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

// One keep-alive client connection.
class Connection {
 public:
  explicit Connection(std::uint16_t port) : socket_(context_) {
    socket_.connect({net::ip::make_address("127.0.0.1"), port});
  }

  http::response<http::string_body> send(const std::string& method, const std::string& body = "") {
    http::request<http::string_body> request{http::string_to_verb(method), "/", 11};
    request.set(http::field::host, "127.0.0.1");
    request.keep_alive(true);
    request.body() = body;
    request.prepare_payload();
    beast::error_code error;
    http::write(socket_, request, error);
    http::response<http::string_body> response;
    beast::flat_buffer buffer;
    http::read(socket_, buffer, response, error);
    return response;
  }

 private:
  net::io_context context_;
  tcp::socket socket_;
};

class HttpServerLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<HttpServer>(
        [](const HttpRequest&, ResponseWriter& writer) { writer.send(200, "text/plain", "ok"); },
        HttpServerLimits{.maxBodyBytes = 1000, .maxConnections = 2});
    ASSERT_TRUE(server_->listen("127.0.0.1", 0).ok());
  }
  void TearDown() override { server_->stop(); }

  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerLimitsTest, BodyOverTheLimitIsAnswered413) {
  Connection client(server_->port());
  EXPECT_EQ(client.send("POST", std::string(1000, 'x')).result_int(), 200);
  Connection other(server_->port());
  auto refused = other.send("POST", std::string(1001, 'x'));
  EXPECT_EQ(refused.result_int(), 413);
  EXPECT_EQ(refused.body(), "Request entity too large: limit is 1000");
}

TEST_F(HttpServerLimitsTest, ConnectionsOverTheLimitAreAnswered503UntilOneCloses) {
  auto first = std::make_unique<Connection>(server_->port());
  Connection second(server_->port());
  ASSERT_EQ(first->send("GET").result_int(), 200);
  ASSERT_EQ(second.send("GET").result_int(), 200);
  Connection third(server_->port());
  auto refused = third.send("GET");
  EXPECT_EQ(refused.result_int(), 503);
  EXPECT_EQ(refused[http::field::retry_after], "1");
  EXPECT_EQ(refused.body(), "too many open connections (limit 2); retry later");

  first.reset();
  bool servedAgain = false;
  for (int attempt = 0; attempt < 100 && !servedAgain; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    servedAgain = Connection(server_->port()).send("GET").result_int() == 200;
  }
  EXPECT_TRUE(servedAgain);
}

}  // namespace
}  // namespace ho::kube
