// Fuzz target: the API server's request path without the network: the request
// target split and routed (kube/server/router.h) and handed to the resource
// handler with a raw body. Input: "METHOD TARGET\nCONTENT-TYPE\nBODY".
// Watches are skipped (they stream until a timeout).
#include "fuzz/fuzz_input.h"
#include "kube/server/resource_handler.h"

namespace {

// Keeps only what a response would have been, so nothing is written anywhere.
class DiscardingWriter final : public ho::kube::ResponseWriter {
 public:
  void send(int, std::string_view, std::string_view) override {}
  bool beginStream(int, std::string_view) override { return false; }
  bool writeChunk(std::string_view) override { return false; }
  void endStream() override {}
};

bool isWatch(const ho::kube::ApiPath& path, const ho::kube::QueryParams& query) {
  return path.legacyWatch || query.contains("watch");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest = ho::fuzz::asText(data, size);
  std::string_view requestLine = ho::fuzz::takeField(rest);
  ho::kube::HttpRequest request;
  request.method = ho::fuzz::takeField(requestLine, ' ');
  request.target = requestLine;
  request.contentType = ho::fuzz::takeField(rest);
  request.body = rest;
  const ho::kube::RequestTarget target = ho::kube::splitTarget(request.target);
  const auto path = ho::kube::parseApiPath(target.path);
  if (!path || isWatch(*path, target.query)) return 0;

  ho::kube::ResourceRegistry registry;
  ho::kube::WatchHub hub;
  ho::kube::ObjectStore store;
  ho::kube::ResourceHandler handler(registry, store, hub, nullptr);
  DiscardingWriter writer;
  (void)store.create({"namespaces", "", "default"},
                     {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "default"}}}});
  try {
    handler.handle(request, *path, target.query, writer);
  } catch (const std::exception&) {
    // The server answers these with 400 (ApiServer::State::routeGuarded).
  }
  return 0;
}
