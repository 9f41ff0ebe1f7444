#pragma once
// The sync summarizer (DESIGN "Summarizer"): POST /chat/completions for the papers that
// plan_summaries (summary_plan.hpp) left to summarize.
//
// Concurrency: a pool of at most `max_workers` std::threads, each taking the next paper and
// calling HttpClient::send (thread-safe in the curl adapter and the fake), so at most
// `max_workers` papers are in flight. Retries, waits and key handling: ProviderClient.
// A 401, a quota error (insufficient_quota, Arrearage) or an interrupt (ErrorCode::interrupted:
// the process was asked to stop) stops all summarizing at once: papers
// not yet started are listed with the reason (a 401's names the env var). So do 3 papers in a row
// that failed for the same reason, retries spent (a provider that answers every request with the
// same HTTP 500): the rest are listed "not sent: stopped after 3 papers in a row failed alike".
//
// Budget: with max_tokens_per_run > 0, no new paper is started once the tokens spent reach it;
// those papers are listed with reason "budget".
//
// Format fields: the answer must parse as SummaryFields; otherwise one re-ask quoting the
// problem, then the first answer is kept as text and a note says so.
//
// Input pdf (qwen-long document mode): the paper's PDF is downloaded from arXiv through a
// PoliteHttpClient (arXiv's spacing and retries, at most max_pdf_bytes), uploaded to /files
// with purpose file-extract, waited for until processed, and named in a `fileid://` system
// message; the file is deleted afterwards unless keep_files. Any failure on that path falls back
// to the abstract for that paper, with a note in the stats. The summary then records input
// "abstract", so the cache never mistakes it for a PDF summary.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "app/http/polite_http_client.hpp"
#include "app/http/provider_client.hpp"
#include "app/summarize/openai_files.hpp"
#include "app/summarize/summary_plan.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/arxiv_urls.hpp"
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
  // Input pdf only:
  PolitenessOptions pdf_politeness;  // arxiv_politeness(config.source) in a run
  ArxivHosts arxiv_hosts;
  std::size_t max_pdf_bytes = 50 * 1024 * 1024;
  ProcessingWait file_wait;
};

// Sends each planned job (summary_plan.hpp) and gives its record the summary, or lists the
// paper in the returned stats' not_summarized with the reason. Other records are left as they are.
SummaryStats summarize_jobs(std::vector<ArchiveRecord>& records,
                            const std::vector<SummaryJob>& jobs, const std::string& prompt_hash,
                            HttpClient& http, Clock& clock, const SummarizerOptions& options);

// The endpoint part of `options`, for ProviderClient (sync and batch mode share it).
ProviderOptions provider_options(const SummarizerOptions& options);

// One sentence for the run status: "summaries: 12 new, 2 cached, 1 not summarized (2602.1v1:
// HTTP 500 ...); 5230 tokens in, 1400 out, 16 requests (3 retries)". Papers that failed for the
// same reason share one part: "15 not summarized (3 papers (2602.1v1, 2602.2v1, 2602.3v1): HTTP
// 500 ...; 12 papers (...): not sent: stopped after 3 papers in a row failed alike (...))".
std::string summary_sentence(const SummaryStats& stats);

}  // namespace arxiv_digest::app
