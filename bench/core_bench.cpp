// Google Benchmark for the core hot paths on real feeds: parse, select (score) and render.
// Reads the three 2026-02-12 captures from the shared data folder (ARXIV_DIGEST_DATA_DIR
// overrides the CMake default); falls back to examples/feeds when it is absent.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/feed.hpp"
#include "arxiv_digest/readme.hpp"
#include "arxiv_digest/selection.hpp"
#include "core/render/embedded_files.hpp"

namespace {

using namespace arxiv_digest;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const std::vector<std::string>& feeds() {
  static const std::vector<std::string> kFeeds = [] {
    const char* env = std::getenv("ARXIV_DIGEST_DATA_DIR");
    const std::string dir = env != nullptr ? env : ARXIV_DIGEST_DATA_DIR_DEFAULT;
    std::vector<std::string> texts;
    for (const char* cat : {"cs.AI", "cs.CL", "cs.LG"}) {
      texts.push_back(slurp(dir + "/arxiv/rss_" + std::string(cat) + "_2026-02-12.xml"));
    }
    if (texts[0].empty()) {
      texts = {slurp(std::string(ARXIV_DIGEST_SOURCE_DIR) +
                     "/examples/feeds/rss_cs.AI+cs.CL+cs.DC+cs.LG_2026-02-12.xml")};
    }
    return texts;
  }();
  return kFeeds;
}

std::vector<Paper> all_papers() {
  std::vector<Paper> papers;
  for (const auto& text : feeds()) {
    auto feed = parse_feed(text, "bench");
    for (auto& p : feed->papers) {
      papers.push_back(std::move(p));
    }
  }
  return papers;
}

std::vector<Keyword> keywords(std::size_t n) {
  static const std::vector<std::string> kTerms = {
      "LLM",        "RL",          "RLHF",       "Inference",      "Training",    "Attention",
      "Pipeline",   "MOE",         "Sparse",     "Quantization",   "Speculative", "Efficient",
      "Efficiency", "Framework",   "Parallel",   "Distributed",    "Kernel",      "Decode",
      "Decoding",   "Prefill",     "Throughput", "Fast",           "Network",     "Hardware",
      "Cluster",    "FP8",         "FP4",        "Optimization",   "Scalable",    "Communication",
      "kv cache",   "agent",       "reasoning",  "benchmark",      "retrieval",   "diffusion",
      "graph",      "robot",       "vision",     "language model", "transformer", "alignment",
      "safety",     "compression", "pruning",    "distillation",   "federated",   "privacy",
      "causal",     "multimodal"};
  std::vector<Keyword> out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back({kTerms[i % kTerms.size()], 1.0});
  }
  return out;
}

void BM_ParseFeeds(benchmark::State& state) {
  std::size_t bytes = 0;
  std::size_t items = 0;
  for (auto _ : state) {
    for (const auto& text : feeds()) {
      auto feed = parse_feed(text, "bench");
      items += feed->papers.size();
      bytes += text.size();
      benchmark::DoNotOptimize(feed);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["papers/s"] =
      benchmark::Counter(static_cast<double>(items), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseFeeds)->Unit(benchmark::kMillisecond);

// DESIGN target: 100,000 papers x 50 keywords ranked in under 1 s on one core.
void BM_SelectPapers(benchmark::State& state) {
  const auto base = all_papers();
  std::vector<Paper> papers;
  while (papers.size() < static_cast<std::size_t>(state.range(0))) {
    for (const auto& p : base) {
      if (papers.size() == static_cast<std::size_t>(state.range(0))) {
        break;
      }
      papers.push_back(p);
      papers.back().id += "-" + std::to_string(papers.size());
    }
  }
  SelectionOptions options;
  options.keywords = keywords(static_cast<std::size_t>(state.range(1)));
  options.match = state.range(2) == 0 ? MatchMode::word : MatchMode::substring;
  options.announce_types = {"new", "cross", "replace", "replace-cross"};
  options.max_papers = 30;
  for (auto _ : state) {
    state.PauseTiming();
    auto copy = papers;
    state.ResumeTiming();
    auto selection = select_papers(std::move(copy), {}, options);
    benchmark::DoNotOptimize(selection);
  }
  state.counters["papers/s"] = benchmark::Counter(static_cast<double>(papers.size()),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_SelectPapers)
    ->Args({853, 30, 0})
    ->Args({853, 30, 1})
    ->Args({100000, 50, 0})
    ->Args({100000, 50, 1})
    ->Unit(benchmark::kMillisecond);

void BM_RenderReadme(benchmark::State& state) {
  auto papers = all_papers();
  ReadmeView view;
  view.last_updated = "2026-02-12 06:46:51 UTC";
  for (int i = 0; i < 30 && i < static_cast<int>(papers.size()); ++i) {
    view.entries.push_back(
        make_digest_entry(papers[static_cast<std::size_t>(i)], i + 1, std::nullopt));
  }
  const ReadmeTemplates templates{std::string(*embedded_file("README.md.mustache")),
                                  std::string(*embedded_file("paper.md.mustache"))};
  for (auto _ : state) {
    auto text = render_readme(view, templates);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_RenderReadme)->Unit(benchmark::kMillisecond);

// rank --format json: every paper of the three feeds (a day's candidates are fewer), with matches.
void BM_WritePapersJson(benchmark::State& state) {
  SelectionOptions options;
  options.keywords = keywords(50);
  options.announce_types = {"new", "cross", "replace", "replace-cross"};
  auto papers = all_papers();
  const auto scored = select_papers(papers, {}, options).candidates;
  const std::vector<Paper>& out = scored.empty() ? papers : scored;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto text = write_papers_json(out);
    bytes += text.size();
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["papers/s"] = benchmark::Counter(static_cast<double>(out.size()),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_WritePapersJson)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
