// DESIGN "Performance targets": N papers with c workers against a server of latency L finish in
// ≤ 1.25 × ⌈N/c⌉ × L. The real libcurl client and the real summarizer against a cpp-httplib
// OpenAI-compatible server on 127.0.0.1 that answers every /chat/completions after L of real
// time (a benchmark, so real time is the point). Reported counters: target_s (⌈N/c⌉ × L) and
// worst_ratio (the slowest iteration's wall time over target_s); the target holds while
// worst_ratio ≤ 1.25.
//
//   build/release/bench/summary_latency_bench                  # 15 papers, 3 workers, 1 s
//   build/release/bench/summary_latency_bench --benchmark_filter=/30/5/
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/summarize/sync_summarizer.hpp"
#include "io/system_clock.hpp"
#include "net/curl_http_client.hpp"

namespace {

using namespace arxiv_digest;

const char* const kCompletion =
    R"({"id":"c","object":"chat.completion","choices":[{"index":0,"message":)"
    R"({"role":"assistant","content":"A summary."},"finish_reason":"stop"}],)"
    R"("usage":{"prompt_tokens":120,"completion_tokens":40}})";

std::vector<ArchiveRecord> ranked_records(int count) {
  std::vector<ArchiveRecord> records(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    auto& record = records[static_cast<std::size_t>(i)];
    record.paper.id = "2602." + std::to_string(30000 + i);
    record.paper.version = 1;
    record.paper.title = "Paper " + std::to_string(i);
    record.paper.abstract = "We study thing number " + std::to_string(i) + ".";
    record.rank = i + 1;
  }
  return records;
}

// Args: papers N, workers c, latency L in milliseconds.
void BM_SummarizeAgainstSlowServer(benchmark::State& state) {
  const int papers = static_cast<int>(state.range(0));
  const int workers = static_cast<int>(state.range(1));
  const auto latency = std::chrono::milliseconds(state.range(2));
  spdlog::set_level(spdlog::level::warn);  // one info line per paper would drown the table
  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.set_tcp_nodelay(true);  // else Nagle + delayed ACKs add ~40 ms per answer
  server.Post("/v1/chat/completions", [&](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(latency);
    res.set_content(kCompletion, "application/json");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread listener([&] { server.listen_after_bind(); });
  while (!server.is_running()) {
    std::this_thread::yield();
  }
  net::CurlHttpClient http;
  io::SystemClock clock;
  app::SummarizerOptions options;
  options.config.base_url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
  options.config.max_workers = workers;
  options.config.max_papers_to_summarize = papers;
  options.api_key = "sk-bench";
  options.template_source = "Title: {{title}}\n\n{{abstract}}";
  std::size_t summarized = 0;
  std::chrono::duration<double> worst{0};
  for (auto _ : state) {
    auto records = ranked_records(papers);
    const auto no_cache = [](const SummaryKey&) {
      return Result<std::optional<Summary>>(std::optional<Summary>());
    };
    const auto plan =
        app::plan_summaries(records, no_cache, options.config, options.template_source).value();
    const auto start = std::chrono::steady_clock::now();
    const SummaryStats stats =
        app::summarize_jobs(records, plan.jobs, plan.prompt_hash, http, clock, options);
    worst =
        std::max<std::chrono::duration<double>>(worst, std::chrono::steady_clock::now() - start);
    summarized = stats.summarized;
  }
  server.stop();
  listener.join();
  const double rounds = (papers + workers - 1) / workers;
  const double target_s = rounds * static_cast<double>(latency.count()) / 1000.0;
  state.counters["summarized"] = static_cast<double>(summarized);
  state.counters["target_s"] = target_s;
  state.counters["worst_ratio"] = worst.count() / target_s;  // the slowest run over ⌈N/c⌉ × L
  if (summarized != static_cast<std::size_t>(papers)) {
    state.SkipWithError("not every paper was summarized");
  }
}
BENCHMARK(BM_SummarizeAgainstSlowServer)
    ->Args({15, 3, 1000})
    ->Args({30, 5, 200})
    ->Args({10, 1, 100})
    ->Args({100, 10, 100})
    ->Iterations(3)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
