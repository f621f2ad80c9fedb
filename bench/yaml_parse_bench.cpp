// Micro benchmark of parseYaml on the shapes Helm reads most: a large CRD
// (deep maps, long folded descriptions) and a values file (many short keys,
// quoted strings, flow lists, comments); and of the two walkers that read a
// rendered manifest's head, the block reader and the full parser, on the CRD.
// Run: yaml_parse_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <string>

#include "encoding/go_yaml.h"
#include "encoding/yaml_block_reader.h"

namespace {

// An OpenAPI-schema-like CRD of about `properties` * 400 bytes.
std::string crdLikeDocument(int properties) {
  std::string text =
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
      "  name: widgets.example.com\n  annotations:\n    controller-gen.kubebuilder.io/version: v0.14.0\n"
      "spec:\n  group: example.com\n  names:\n    kind: Widget\n    plural: widgets\n  versions:\n"
      "  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n"
      "        type: object\n        properties:\n";
  for (int i = 0; i < properties; ++i) {
    std::string name = "field" + std::to_string(i);
    text += "          " + name + ":\n";
    text += "            description: " + name +
            " configures how the widget behaves when it is reconciled;\n"
            "              see the documentation for the full list of options and their defaults.\n";
    text += "            type: object\n            properties:\n";
    text += "              enabled:\n                type: boolean\n                default: false\n";
    text += "              replicas:\n                type: integer\n                format: int32\n"
            "                minimum: 0\n";
    text += "              mode:\n                type: string\n                enum: [\"auto\", \"manual\", \"off\"]\n";
  }
  return text;
}

// A values.yaml-like document with `sections` top-level sections.
std::string valuesLikeDocument(int sections) {
  std::string text;
  for (int i = 0; i < sections; ++i) {
    std::string n = std::to_string(i);
    text += "# Settings for component " + n + "\ncomponent" + n + ":\n";
    text += "  enabled: true\n  replicaCount: 1\n  image:\n    repository: registry.example.com/app" + n +
            "\n    tag: \"1.2." + n + "\"\n    pullPolicy: IfNotPresent\n";
    text += "  resources:\n    limits: {cpu: 500m, memory: 512Mi}\n    requests: {cpu: 100m, memory: 128Mi}\n";
    text += "  tolerations: []\n  nodeSelector: {}\n  args: [\"--verbose\", \"--port=80" + n + "\"]\n";
    text += "  config: |\n    listen: 0.0.0.0:8080\n    log_level: info\n";
  }
  return text;
}

void runParse(benchmark::State& state, const std::string& text) {
  for (auto _ : state) {
    auto parsed = ho::encoding::parseYaml(text);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void BM_ParseCrd(benchmark::State& state) {
  static const std::string text = crdLikeDocument(5000);  // about 2 MB
  runParse(state, text);
}
BENCHMARK(BM_ParseCrd)->Unit(benchmark::kMillisecond);

void BM_ParseValues(benchmark::State& state) {
  static const std::string text = valuesLikeDocument(500);
  runParse(state, text);
}
BENCHMARK(BM_ParseValues)->Unit(benchmark::kMicrosecond);

// A visitor that only counts, so that the walk is what is measured.
class CountingVisitor final : public ho::encoding::yaml::YamlVisitor {
 public:
  std::size_t visits = 0;
  void mappingStart() override { ++visits; }
  void mappingEnd() override { ++visits; }
  void sequenceStart() override { ++visits; }
  void sequenceEnd() override { ++visits; }
  void key(const ho::encoding::yaml::VisitedScalar&) override { ++visits; }
  void value(const ho::encoding::yaml::VisitedScalar&) override { ++visits; }
};

template <class Walk>
void runWalk(benchmark::State& state, Walk walk) {
  static const std::string text = crdLikeDocument(5000);
  for (auto _ : state) {
    CountingVisitor visitor;
    walk(text, visitor);
    benchmark::DoNotOptimize(visitor.visits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void BM_WalkCrdBlockReader(benchmark::State& state) { runWalk(state, ho::encoding::yaml::visitBlockDocument); }
BENCHMARK(BM_WalkCrdBlockReader)->Unit(benchmark::kMillisecond);

void BM_WalkCrdFullParser(benchmark::State& state) { runWalk(state, ho::encoding::yaml::visitPlainDocument); }
BENCHMARK(BM_WalkCrdFullParser)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
