// Google Benchmark: robots.txt parse MB/s, compiled-policy matches/s and case-file checks/s.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gpaikit/base/files.h"
#include "gpaikit/base/input_stream.h"
#include "gpaikit/optout/robots.h"
#include "gpaikit/optout/robots_cases.h"
#include "gpaikit/optout/url.h"

namespace {

namespace fs = std::filesystem;
using gpaikit::optout::RobotsPolicy;

fs::path RealWorldDir() {
  const char* env = std::getenv("GPAIKIT_SHARED_DIR");
  return fs::path(env ? env : GPAIKIT_SHARED_DIR) / "conformance/robots/realworld";
}

// The real-world corpus: robots bodies and (file index, agent, URL) cases.
struct Corpus {
  std::vector<std::string> names, bodies;
  struct Case {
    size_t file;
    std::string agent, url;
  };
  std::vector<Case> cases;
  size_t bytes = 0;
};

const Corpus& LoadCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    auto data = gpaikit::ReadDecodedFile(RealWorldDir() / "cases.tsv.gz");
    if (!data.ok()) {
      std::fprintf(stderr, "robots_bench: %s\n", data.status().message().c_str());
      std::exit(2);
    }
    std::unordered_map<std::string, size_t> index;
    std::string_view rest = *data;
    while (!rest.empty()) {
      size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
      size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1), t3 = line.find('\t', t2 + 1);
      if (t2 == std::string_view::npos) continue;
      std::string name(line.substr(0, t1));
      auto [it, fresh] = index.emplace(name, c.names.size());
      if (fresh) {
        c.names.push_back(name);
        auto body = gpaikit::ReadFile(RealWorldDir() / name);
        c.bodies.push_back(body.ok() ? *body : std::string());
        c.bytes += c.bodies.back().size();
      }
      c.cases.push_back({it->second, std::string(line.substr(t1 + 1, t2 - t1 - 1)),
                         std::string(line.substr(t2 + 1, t3 - t2 - 1))});
    }
    return c;
  }();
  return corpus;
}

// Parsing throughput over all 4,231 real-world files.
void BM_RobotsParse(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  for (auto _ : state) {
    for (const std::string& body : corpus.bodies) {
      RobotsPolicy policy = RobotsPolicy::Parse(body);
      benchmark::DoNotOptimize(policy.rules().data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.bytes));
}
BENCHMARK(BM_RobotsParse)->Unit(benchmark::kMillisecond);

// Matching with compiled policies (parsing excluded): RobotsPolicy::Check per case.
void BM_RobotsMatchCompiled(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  std::vector<RobotsPolicy> policies;
  for (const std::string& body : corpus.bodies) policies.push_back(RobotsPolicy::Parse(body));
  size_t allowed = 0;
  for (auto _ : state) {
    for (const auto& c : corpus.cases) allowed += policies[c.file].Check(c.agent, c.url).allowed;
  }
  benchmark::DoNotOptimize(allowed);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.cases.size()));
}
BENCHMARK(BM_RobotsMatchCompiled)->Unit(benchmark::kMillisecond);

// Matching one agent's precomputed rules against paths (the crawler's hot loop).
void BM_RobotsMatchAgentRules(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  std::vector<RobotsPolicy> policies;
  for (const std::string& body : corpus.bodies) policies.push_back(RobotsPolicy::Parse(body));
  std::vector<gpaikit::optout::RobotsAgentRules> rules;
  for (const RobotsPolicy& policy : policies) rules.push_back(policy.ForAgent("GPTBot"));
  std::string scratch;
  std::vector<std::string> paths;
  for (const auto& c : corpus.cases) {
    paths.emplace_back(gpaikit::optout::RobotsMatchPath(c.url, &scratch));
  }
  size_t allowed = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < corpus.cases.size(); ++i) {
      allowed += rules[corpus.cases[i].file].MatchPath(paths[i]).allowed;
    }
  }
  benchmark::DoNotOptimize(allowed);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.cases.size()));
}
BENCHMARK(BM_RobotsMatchAgentRules)->Unit(benchmark::kMillisecond);

// The whole case file as `gpaikit robots check --cases` runs it: read, gunzip, parse, check.
void BM_RobotsCaseFile(benchmark::State& state) {
  size_t cases = 0;
  for (auto _ : state) {
    std::string out;
    auto stats = gpaikit::optout::CheckRobotsCases(RealWorldDir() / "cases.tsv.gz", {}, &out);
    if (!stats.ok()) {
      state.SkipWithError(stats.status().message().c_str());
      return;
    }
    cases += stats->cases;
  }
  state.SetItemsProcessed(static_cast<int64_t>(cases));
}
BENCHMARK(BM_RobotsCaseFile)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
