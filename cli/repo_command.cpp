// `helm-operator repo index DIR` (like `helm repo index`) and
// `helm-operator repo serve DIR` (a static chart repository over HTTP).
#include <csignal>
#include <filesystem>
#include <iostream>

#include "chart/repo/cache_files.h"
#include "chart/repo/index_writer.h"
#include "chart/repo/static_server.h"
#include "cli/command.h"

namespace ho::cli {
namespace {

struct IndexFlags {
  std::string dir;
  std::string url;
  std::string merge;
};

struct ServeFlags {
  std::string dir;
  std::string listen = "127.0.0.1:8879";
  std::string username;
  std::string password;
  std::string bearerToken;
  bool quiet = false;
};

int runIndex(const IndexFlags& flags) {
  namespace repo = chart::repo;
  auto index = repo::indexDirectory(flags.dir, flags.url);
  if (!index) {
    std::cerr << "Error: " << index.error().message << "\n";
    return 1;
  }
  if (!flags.merge.empty()) {
    std::error_code ec;
    repo::IndexFile existing = repo::newIndexFile();
    if (!std::filesystem::exists(flags.merge, ec)) {
      // Helm writes an empty index where the merge target was missing.
      auto empty = repo::renderIndex(existing);
      if (empty) (void)repo::writeCacheFileAtomically(flags.merge, *empty);
    } else {
      auto text = repo::readCacheFile(flags.merge);
      auto parsed = text ? repo::parseIndex(*text)
                         : repo::RepoResult<repo::IndexFile>(repo::RepoError{repo::RepoErrorKind::Io, "cannot read " + flags.merge});
      if (!parsed) {
        std::cerr << "Error: merge failed: " << parsed.error().message << "\n";
        return 1;
      }
      existing = std::move(*parsed);
    }
    repo::mergeIndex(*index, existing);
    repo::sortIndexEntries(*index);
  }
  auto yaml = repo::renderIndex(*index);
  if (!yaml) {
    std::cerr << "Error: " << yaml.error().message << "\n";
    return 1;
  }
  if (auto written = repo::writeCacheFileAtomically(flags.dir + "/index.yaml", *yaml); !written) {
    std::cerr << "Error: " << written.error().message << "\n";
    return 1;
  }
  return 0;
}

int runServe(const ServeFlags& flags) {
  std::size_t colon = flags.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "Error: --listen wants HOST:PORT, got \"" << flags.listen << "\"\n";
    return 1;
  }
  std::string host = flags.listen.substr(0, colon);
  if (host.empty()) host = "127.0.0.1";
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  std::uint16_t port = 0;
  try {
    port = static_cast<std::uint16_t>(std::stoul(flags.listen.substr(colon + 1)));
  } catch (const std::exception&) {
    std::cerr << "Error: invalid port in --listen \"" << flags.listen << "\"\n";
    return 1;
  }
  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  chart::repo::StaticServerOptions options;
  options.root = flags.dir;
  options.username = flags.username;
  options.password = flags.password;
  options.bearerToken = flags.bearerToken;
  if (!flags.quiet) {
    options.log = [](const std::string& line) { std::cerr << "level=info msg=\"request\" request=\"" + line + "\"\n"; };
  }
  chart::repo::StaticRepoServer server(options);
  if (auto started = server.listen(host, port); !started) {
    std::cerr << "Error: " << started.error().message << "\n";
    return 1;
  }
  std::cerr << "level=info msg=\"chart repository serving\" dir=" << flags.dir << " url=http://"
            << (host.find(':') != std::string::npos ? "[" + host + "]" : host) << ":" << server.port() << "\n";
  int received = 0;
  sigwait(&stopSignals, &received);
  server.stop();
  return 0;
}

}  // namespace

void installRepoCommand(CLI::App& app, int& exitCode) {
  CLI::App* repo = app.add_subcommand("repo", "Chart repository tools: index a folder of charts, serve it");
  repo->require_subcommand(1);

  auto index = std::make_shared<IndexFlags>();
  CLI::App* indexCmd = repo->add_subcommand("index", "Write index.yaml for the chart archives in DIR, like `helm repo index`");
  indexCmd->add_option("dir", index->dir, "the folder of chart archives")->required();
  indexCmd->add_option("--url", index->url, "url of chart repository");
  indexCmd->add_option("--merge", index->merge, "merge the generated index into the given index");
  indexCmd->callback([index, &exitCode] { exitCode = runIndex(*index); });

  auto serve = std::make_shared<ServeFlags>();
  CLI::App* serveCmd = repo->add_subcommand("serve", "Serve DIR (index.yaml and chart archives) as a chart repository");
  serveCmd->add_option("dir", serve->dir, "the folder to serve")->required();
  serveCmd->add_option("--listen", serve->listen, "address to serve on (HOST:PORT; port 0 picks a free one)")
      ->capture_default_str();
  serveCmd->add_option("--username", serve->username, "require basic auth with this user name");
  serveCmd->add_option("--password", serve->password, "require basic auth with this password");
  serveCmd->add_option("--bearer-token", serve->bearerToken, "require this bearer token");
  serveCmd->add_flag("--quiet", serve->quiet, "do not log each request");
  serveCmd->callback([serve, &exitCode] { exitCode = runServe(*serve); });
}

}  // namespace ho::cli
