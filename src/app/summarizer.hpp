#pragma once
// The sync summarizer (DESIGN "Summarizer", issue 5): POST /chat/completions for the top
// `ai_summary.max_papers_to_summarize` ranked records that have no cached summary.
//
// Cache: a summary is reused when (id, version, model, prompt hash, input mode) matches one in
// `cache` (today's and earlier archive records), so a same-day rerun sends nothing.
//
// Concurrency: a pool of at most `max_workers` std::threads, each taking the next paper and
// calling HttpClient::send, so at most `max_workers` requests are in flight (the port's send is
// thread-safe in the curl adapter and the fake). Each worker runs its own retry loop.
//
// Retries: 408, 409, 429, 5xx, ErrorCode::timeout and ErrorCode::network, up to max_retries
// times; the wait is `retry-after-ms`, else `retry-after` (seconds or HTTP-date), else
// exponential backoff with equal jitter; all waits are Clock::sleep. Never retried: other
// statuses (400/401/403/404, ...) and quota errors (insufficient_quota, Arrearage). A 401 stops
// all summarizing at once: papers not yet started are listed with a reason naming the env var.
//
// Budget: with max_tokens_per_run > 0, no new paper is started once the tokens spent reach it;
// those papers are listed with reason "budget".
//
// Format fields: the answer must parse as SummaryFields; otherwise one re-ask quoting the
// problem, then the first answer is kept as text and a note says so.
//
// The key is sent only as `Authorization: Bearer KEY`; every message produced here has the key
// removed, and a 401's provider message (it may echo a masked key) is not repeated.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/config.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/run_status.hpp"

namespace arxiv_digest::app {

struct SummarizerOptions {
  AiSummaryConfig config;
  std::string api_key;
  std::string template_source;  // the prompt template for config.format
  std::chrono::milliseconds timeout{120000};
  int max_retries = 4;
  std::chrono::milliseconds base_backoff{1000};
  std::chrono::milliseconds max_backoff{30000};
  std::uint32_t jitter_seed = 0;  // 0 = seeded from std::random_device
};

// Gives each of the top ranked `records` a summary (cached or new) or lists it in the returned
// stats' not_summarized; records below the top are left as they are. `now` stamps created_at.
SummaryStats summarize_records(std::vector<ArchiveRecord>& records,
                               const std::vector<ArchiveRecord>& cache, HttpClient& http,
                               Clock& clock, const SummarizerOptions& options);

// One sentence for the run status: "summaries: 12 new, 2 cached, 1 not summarized (2602.1v1:
// HTTP 500 ...); 5230 tokens in, 1400 out, 16 requests (3 retries)".
std::string summary_sentence(const SummaryStats& stats);

}  // namespace arxiv_digest::app
