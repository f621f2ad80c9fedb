// FaultProxy: Boost.Beast, an accept thread and one thread per client
// connection; each forwarded request opens its own upstream connection, and
// watches are relayed chunk by chunk.
#include "fault_proxy.h"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <limits>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ho::controller::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

using Request = http::request<http::string_body>;

std::string statusBody(int code) {
  const std::string reason = code == 409   ? "Conflict"
                             : code == 429 ? "TooManyRequests"
                                           : "InternalError";
  return nlohmann::json{{"kind", "Status"}, {"apiVersion", "v1"}, {"status", "Failure"},
                        {"message", "injected fault: " + std::to_string(code)},
                        {"reason", reason}, {"code", code}}
      .dump();
}

std::uint16_t portOf(const std::string& url) {
  if (!url.starts_with("http://127.0.0.1:")) {
    throw std::invalid_argument("FaultProxy forwards to http://127.0.0.1 only");
  }
  return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
}

bool isWatch(const Request& request) {
  const std::string target(request.target());
  return target.find("watch=1") != std::string::npos || target.find("watch=true") != std::string::npos;
}

}  // namespace

struct FaultProxy::State {
  struct RuleState {
    FaultRule rule;
    int matched = 0;
    int fired = 0;
  };
  struct Connection {
    explicit Connection(tcp::socket s) : socket(std::move(s)) {}
    tcp::socket socket;
    std::thread thread;
  };

  std::optional<FaultRule> match(const Request& request);
  void acceptLoop();
  void serve(Connection& connection);
  // Forwards one request; false when the client connection must be closed.
  bool forward(tcp::socket& client, Request& request, const std::optional<FaultRule>& cut);
  bool relayWatch(tcp::socket& client, tcp::socket& upstream, beast::flat_buffer& buffer, int maxEvents);
  // Registers a socket stop() must shut down; false when already stopping.
  bool track(tcp::socket& socket);
  void untrack(tcp::socket& socket);

  net::io_context context;
  tcp::acceptor acceptor{context};
  std::thread acceptThread;
  mutable std::mutex mutex;
  std::uint16_t upstreamPort = 0;
  std::vector<RuleState> rules;
  std::vector<std::string> requests;
  std::list<Connection> connections;
  std::vector<tcp::socket*> open;  // client and upstream sockets in use
  bool stopping = false;
};

std::optional<FaultRule> FaultProxy::State::match(const Request& request) {
  std::lock_guard lock(mutex);
  requests.push_back(std::string(request.method_string()) + " " + std::string(request.target()));
  for (RuleState& state : rules) {
    const FaultRule& rule = state.rule;
    if (!rule.method.empty() && rule.method != std::string(request.method_string())) continue;
    if (!rule.pathContains.empty() && std::string(request.target()).find(rule.pathContains) == std::string::npos) {
      continue;
    }
    if (rule.times >= 0 && state.fired >= rule.times) continue;
    if (++state.matched % std::max(1, rule.every) != 0) continue;
    ++state.fired;
    return rule;
  }
  return std::nullopt;
}

bool FaultProxy::State::track(tcp::socket& socket) {
  std::lock_guard lock(mutex);
  if (stopping) return false;
  open.push_back(&socket);
  return true;
}

void FaultProxy::State::untrack(tcp::socket& socket) {
  std::lock_guard lock(mutex);
  open.erase(std::remove(open.begin(), open.end(), &socket), open.end());
}

void FaultProxy::State::acceptLoop() {
  for (;;) {
    beast::error_code error;
    tcp::socket socket{context};
    acceptor.accept(socket, error);
    std::lock_guard lock(mutex);
    if (stopping) return;
    if (error) continue;
    Connection& connection = connections.emplace_back(std::move(socket));
    connection.thread = std::thread([this, &connection] { serve(connection); });
  }
}

void FaultProxy::State::serve(Connection& connection) {
  tcp::socket& client = connection.socket;
  if (!track(client)) return;
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    beast::error_code error;
    http::read(client, buffer, parser, error);
    if (error) break;
    Request request = parser.release();
    const std::optional<FaultRule> rule = match(request);
    if (rule && rule->onFire) rule->onFire();
    if (rule && rule->fault == FaultRule::Fault::Drop) break;
    if (rule && rule->fault == FaultRule::Fault::Answer) {
      http::response<http::string_body> answer{static_cast<http::status>(rule->status), request.version()};
      answer.set(http::field::content_type, "application/json");
      if (rule->retryAfterSeconds > 0) answer.set(http::field::retry_after, std::to_string(rule->retryAfterSeconds));
      answer.keep_alive(request.keep_alive());
      answer.body() = statusBody(rule->status);
      answer.prepare_payload();
      http::write(client, answer, error);
      if (error || !request.keep_alive()) break;
      continue;
    }
    if (!forward(client, request, rule) || !request.keep_alive()) break;
  }
  untrack(client);
  beast::error_code ignored;
  client.shutdown(tcp::socket::shutdown_both, ignored);
}

bool FaultProxy::State::forward(tcp::socket& client, Request& request, const std::optional<FaultRule>& cut) {
  tcp::socket upstream{context};
  beast::error_code error;
  std::uint16_t port = 0;
  {
    std::lock_guard lock(mutex);
    port = upstreamPort;
  }
  upstream.connect({net::ip::make_address("127.0.0.1"), port}, error);
  if (error || !track(upstream)) return false;  // the API server is down: the client sees a dropped connection
  http::write(upstream, request, error);
  beast::flat_buffer buffer;
  bool keepClient = !error;
  if (keepClient && isWatch(request)) {
    const int maxEvents = cut && cut->fault == FaultRule::Fault::CutWatch ? cut->watchEvents : -1;
    keepClient = relayWatch(client, upstream, buffer, maxEvents);
  } else if (keepClient) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    http::read(upstream, buffer, parser, error);
    if (!error) http::write(client, parser.get(), error);
    keepClient = !error;
  }
  untrack(upstream);
  beast::error_code ignored;
  upstream.shutdown(tcp::socket::shutdown_both, ignored);
  return keepClient;
}

bool FaultProxy::State::relayWatch(tcp::socket& client, tcp::socket& upstream, beast::flat_buffer& buffer,
                                   int maxEvents) {
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code error;
  http::read_header(upstream, buffer, parser, error);
  if (error) return false;
  http::response<http::empty_body> head{parser.get().result(), parser.get().version()};
  head.set(http::field::content_type, parser.get()[http::field::content_type]);
  head.chunked(true);
  http::response_serializer<http::empty_body> serializer{head};
  http::write_header(client, serializer, error);
  int events = 0;
  std::array<char, 8192> chunk{};
  while (!error && !parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    http::read_some(upstream, buffer, parser, error);  // not read(): it would wait for a full chunk buffer
    if (error == http::error::need_buffer) error = {};
    if (error) break;
    const std::size_t size = chunk.size() - parser.get().body().size;
    if (size == 0) continue;
    net::write(client, http::make_chunk(net::buffer(chunk.data(), size)), error);
    events += static_cast<int>(std::count(chunk.begin(), chunk.begin() + static_cast<long>(size), '\n'));
    if (maxEvents >= 0 && events >= maxEvents) return false;  // cut: the client sees the stream end abruptly
  }
  if (error) return false;
  net::write(client, http::make_chunk_last(), error);
  return !error;
}

FaultProxy::FaultProxy(const std::string& upstreamUrl) : state_(std::make_unique<State>()) {
  std::signal(SIGPIPE, SIG_IGN);
  state_->upstreamPort = portOf(upstreamUrl);
  const tcp::endpoint endpoint{net::ip::make_address("127.0.0.1"), 0};
  state_->acceptor.open(endpoint.protocol());
  state_->acceptor.bind(endpoint);
  state_->acceptor.listen(net::socket_base::max_listen_connections);
  state_->acceptThread = std::thread([state = state_.get()] { state->acceptLoop(); });
}

FaultProxy::~FaultProxy() { stop(); }

std::string FaultProxy::url() const {
  return "http://127.0.0.1:" + std::to_string(state_->acceptor.local_endpoint().port());
}

void FaultProxy::setUpstream(const std::string& upstreamUrl) {
  const std::uint16_t port = portOf(upstreamUrl);
  std::lock_guard lock(state_->mutex);
  state_->upstreamPort = port;
}

int FaultProxy::addRule(FaultRule rule) {
  std::lock_guard lock(state_->mutex);
  state_->rules.push_back({std::move(rule)});
  return static_cast<int>(state_->rules.size()) - 1;
}

void FaultProxy::clearRules() {
  std::lock_guard lock(state_->mutex);
  for (State::RuleState& state : state_->rules) state.rule.times = 0;  // ids stay valid
}

int FaultProxy::fired(int id) const {
  std::lock_guard lock(state_->mutex);
  return state_->rules.at(static_cast<std::size_t>(id)).fired;
}

std::vector<std::string> FaultProxy::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

void FaultProxy::stop() {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopping) return;
    state_->stopping = true;
    ::shutdown(state_->acceptor.native_handle(), SHUT_RDWR);  // wakes the blocking accept()
    for (tcp::socket* socket : state_->open) ::shutdown(socket->native_handle(), SHUT_RDWR);
  }
  if (state_->acceptThread.joinable()) state_->acceptThread.join();
  for (State::Connection& connection : state_->connections) {
    if (connection.thread.joinable()) connection.thread.join();
  }
  beast::error_code ignored;
  state_->acceptor.close(ignored);
}

}  // namespace ho::controller::testing
