// HTTPS: the client verifies the server against the kubeconfig's CA (and
// refuses an unknown one), honours insecure-skip-tls-verify, presents a
// client certificate, and sends the bearer token. Certificates are made
// with the openssl command at test time.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "kube/client/base64_codec.h"
#include "kube/client/kubeconfig.h"
#include "kube/client/rest_client.h"

namespace ho::kube::client {
namespace {

namespace fs = std::filesystem;
namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A CA, a server certificate for 127.0.0.1 and a client certificate.
struct Certificates {
  fs::path dir;
  bool made = false;

  Certificates() {
    dir = fs::temp_directory_path() / ("ho-tls-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string d = dir.string();
    const std::string script =
        "cd '" + d + "' && "
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=test-ca -keyout ca.key -out ca.crt && "
        "openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr && "
        "printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext && "
        "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 -extfile san.ext -out server.crt && "
        "openssl req -newkey rsa:2048 -nodes -subj /CN=admin -keyout client.key -out client.csr && "
        "openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 -out client.crt";
    made = std::system(("(" + script + ") >/dev/null 2>&1").c_str()) == 0;
  }
  ~Certificates() { fs::remove_all(dir); }
  std::string pem(const std::string& name) const { return readFile(dir / name); }
};

// Answers each HTTPS request with {} and records its Authorization header.
class TlsServer {
 public:
  TlsServer(const Certificates& certs, bool requireClientCert) : context_(ssl::context::tls_server) {
    context_.use_certificate_chain(net::buffer(certs.pem("server.crt")));
    context_.use_private_key(net::buffer(certs.pem("server.key")), ssl::context::pem);
    if (requireClientCert) {
      context_.add_certificate_authority(net::buffer(certs.pem("ca.crt")));
      context_.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    }
    acceptor_.open(net::ip::tcp::v4());
    acceptor_.bind({net::ip::make_address("127.0.0.1"), 0});
    acceptor_.listen();
    thread_ = std::thread([this] { serve(); });
  }
  ~TlsServer() {
    stopping_ = true;
    net::ip::tcp::socket poke(ioc_);
    boost::system::error_code ignored;
    poke.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }
  std::string lastAuthorization() {
    std::lock_guard lock(mutex_);
    return authorization_;
  }

 private:
  void serve() {
    while (!stopping_) {
      net::ip::tcp::socket socket(ioc_);
      boost::system::error_code error;
      acceptor_.accept(socket, error);
      if (error || stopping_) continue;
      beast::ssl_stream<net::ip::tcp::socket> stream(std::move(socket), context_);
      stream.handshake(ssl::stream_base::server, error);
      if (error) continue;
      beast::flat_buffer buffer;
      http::request<http::string_body> request;
      http::read(stream, buffer, request, error);
      if (error) continue;
      {
        std::lock_guard lock(mutex_);
        authorization_ = std::string(request[http::field::authorization]);
      }
      http::response<http::string_body> response{http::status::ok, 11};
      response.set(http::field::content_type, "application/json");
      response.body() = "{}";
      response.prepare_payload();
      http::write(stream, response, error);
      stream.shutdown(error);
    }
  }

  net::io_context ioc_;
  ssl::context context_;
  net::ip::tcp::acceptor acceptor_{ioc_};
  std::atomic<bool> stopping_ = false;
  std::mutex mutex_;
  std::string authorization_;
  std::thread thread_;
};

ClientOptions noRetries() {
  ClientOptions options;
  options.retry.maxAttempts = 1;
  options.requestTimeout = std::chrono::milliseconds(5000);
  return options;
}

class TlsClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!certs_.made) GTEST_SKIP() << "the openssl command could not make test certificates";
  }
  Certificates certs_;
};

TEST_F(TlsClientTest, VerifiesServerWithKubeconfigCaAndSendsToken) {
  TlsServer server(certs_, false);
  RestConfig config;
  config.server = server.url();
  config.caPem = certs_.pem("ca.crt");
  config.bearerToken = "tls-token";
  auto client = RestClient::create(config, noRetries());
  ASSERT_TRUE(client) << client.error().message;
  auto reply = (*client)->get("/version");
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(server.lastAuthorization(), "Bearer tls-token");
}

TEST_F(TlsClientTest, RefusesUnknownCaUnlessInsecureSkipVerify) {
  TlsServer server(certs_, false);
  RestConfig config;
  config.server = server.url();
  config.caPem = certs_.pem("client.crt");  // not the CA that signed the server
  auto strict = RestClient::create(config, noRetries());
  ASSERT_TRUE(strict);
  auto refused = (*strict)->get("/version");
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().isTransport());
  config.insecureSkipTlsVerify = true;
  auto lax = RestClient::create(config, noRetries());
  ASSERT_TRUE(lax);
  EXPECT_TRUE((*lax)->get("/version"));
}

TEST_F(TlsClientTest, PresentsClientCertificateFromKubeconfigData) {
  TlsServer server(certs_, true);
  const auto b64 = [](const std::string& text) { return base64Encode(text); };
  const std::string kubeconfig = "current-context: c\nclusters:\n- name: k\n  cluster:\n    server: " + server.url() +
                                 "\n    certificate-authority: ca.crt\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n"
                                 "users:\n- name: u\n  user:\n    client-certificate-data: " + b64(certs_.pem("client.crt")) +
                                 "\n    client-key-data: " + b64(certs_.pem("client.key")) + "\n";
  auto config = kubeconfigFromText(kubeconfig, "", certs_.dir.string());
  ASSERT_TRUE(config) << config.error().message;
  auto client = RestClient::create(*config, noRetries());
  ASSERT_TRUE(client) << client.error().message;
  auto reply = (*client)->get("/version");
  ASSERT_TRUE(reply) << reply.error().message;

  RestConfig withoutCert = *config;
  withoutCert.clientCertPem.clear();
  withoutCert.clientKeyPem.clear();
  auto anonymous = RestClient::create(withoutCert, noRetries());
  ASSERT_TRUE(anonymous);
  EXPECT_FALSE((*anonymous)->get("/version"));
}

}  // namespace
}  // namespace ho::kube::client
