// Benchmark driver for chart repository indexes: generates a realistic
// index.yaml of a given size (thousands of charts and versions), and times
// parsing it whole, resolving a version range, and parsing one chart's block
// (what a chart fetch does), printing wall time and peak RSS.
//   repo_index_bench --generate FILE [MEGABYTES]   write a synthetic index (default 20 MB)
//   repo_index_bench FILE                          parse FILE and report
// bench/repo_index_bench.sh runs both and compares with helm on the same index.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "chart/repo/digest.h"
#include "chart/repo/index.h"
#include "chart/repo/index_parts.h"
#include "chart/repo/version_resolver.h"
#include "core/file_bytes.h"

namespace {

long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// One index entry in the shape chart repositories publish (Bitnami-like).
std::string entry(int chart, int major, int minor, int patch) {
  std::string name = "chart-" + std::to_string(chart);
  std::string version = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  std::string digest = ho::chart::repo::sha256Hex(name + version);
  return "  - annotations:\n      category: Infrastructure\n      licenses: Apache-2.0\n"
         "    apiVersion: v2\n    appVersion: " + std::to_string(major + 10) + "." + std::to_string(minor) +
         ".0\n    created: \"2024-0" + std::to_string(1 + patch % 9) + "-1" + std::to_string(patch % 10) +
         "T10:20:30.123456789Z\"\n    dependencies:\n    - name: common\n      repository: oci://registry.example.com/charts\n"
         "      tags:\n      - example-common\n      version: 2.x.x\n"
         "    description: " + name + " is a synthetic chart used to benchmark index parsing with realistic fields.\n"
         "    digest: " + digest + "\n    home: https://example.com/charts/" + name + "\n"
         "    icon: https://example.com/icons/" + name + ".svg\n    keywords:\n    - benchmark\n    - " + name +
         "\n    maintainers:\n    - name: Platform Team\n      url: https://github.com/example/charts\n"
         "    name: " + name + "\n    sources:\n    - https://github.com/example/charts/tree/main/" + name + "\n"
         "    urls:\n    - https://charts.example.com/" + name + "-" + version + ".tgz\n    version: " + version + "\n";
}

int generate(const std::string& path, double megabytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "apiVersion: v1\nentries:\n";
  std::size_t written = 0;
  std::size_t target = static_cast<std::size_t>(megabytes * 1024 * 1024);
  int charts = 0;
  for (int chart = 0; written < target; ++chart, ++charts) {
    std::string header = "  chart-" + std::to_string(chart) + ":\n";
    out << header;
    written += header.size();
    for (int v = 0; v < 120 && written < target; ++v) {
      std::string e = entry(chart, 1 + v / 40, (v / 8) % 5, v % 8);
      out << e;
      written += e.size();
    }
  }
  out << "generated: \"2024-06-01T00:00:00Z\"\n";
  std::cout << "wrote " << path << ": " << written / (1024 * 1024) << " MB, " << charts << " charts\n";
  return out ? 0 : 1;
}

int parse(const std::string& path) {
  auto bytes = ho::readFileBytes(path);
  if (!bytes) {
    std::cerr << bytes.error().message << "\n";
    return 1;
  }
  const ho::SharedText shared(std::move(*bytes));  // as a repository keeps the index it fetched
  const std::string_view text = shared.view();
  long rssBefore = peakRssKb();
  auto start = std::chrono::steady_clock::now();
  auto index = ho::chart::repo::parseIndex(shared);
  auto parsed = std::chrono::steady_clock::now();
  if (!index) {
    std::cerr << "parse failed: " << index.error().message << "\n";
    return 1;
  }
  std::size_t versions = 0;
  for (const auto& [name, list] : index->entries) versions += list.size();
  auto chosen = ho::chart::repo::resolveChartVersion(*index, "chart-7", "~2.1", "bench");
  auto resolved = std::chrono::steady_clock::now();
  // What a chart fetch does: parse only the wanted chart's block.
  auto block = ho::chart::repo::extractChartIndex(text, "chart-7");
  auto one = block ? ho::chart::repo::parseIndex(*block) : ho::chart::repo::parseIndex(shared);
  auto extracted = std::chrono::steady_clock::now();
  auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::printf("index: %.1f MB, %zu charts, %zu versions\n", text.size() / 1048576.0, index->entries.size(), versions);
  std::printf("parse: %.1f ms (%u parts on as many threads); resolve ~2.1: %.3f ms (%s)\n", ms(parsed - start),
              ho::chart::repo::indexPartsFor(text.size()), ms(resolved - parsed),
              chosen ? (*chosen)->version.c_str() : "none");
  std::printf("one chart (extract block + parse, as fetchChart does): %.1f ms, %zu versions\n",
              ms(extracted - resolved), one ? one->entries.begin()->second.size() : 0);
  std::printf("peak RSS: %ld KB (file held in memory before parsing: %ld KB)\n", peakRssKb(), rssBefore);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string first = argc > 1 ? argv[1] : "";
  if (first == "--generate" && argc > 2) return generate(argv[2], argc > 3 ? std::stod(argv[3]) : 20.0);
  if (argc == 2 && !first.starts_with("--")) return parse(first);
  std::cerr << "usage: repo_index_bench --generate FILE [MEGABYTES] | repo_index_bench FILE\n";
  return 2;
}
