#pragma once
// Stage 3 of a run: summaries (DESIGN "Summarizer"). The top records get a cached summary or a
// new one, in sync mode (sync_summarizer) or through the Batch API (batch_summarizer), both over
// the one plan of summary_plan.hpp. Never fails the run: what did not happen, and why, is in
// the result's sentence and stats.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/history/history_store.hpp"
#include "app/summarize/sync_summarizer.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/batch_codec.hpp"
#include "arxiv_digest/run_status.hpp"

namespace arxiv_digest::app {

struct SummaryRequest {
  std::string day;                       // the digest's date: the cache prefers it, batches name it
  std::optional<std::string> api_key;    // provider_api_key(); nullopt: summaries are skipped
  std::chrono::milliseconds timeout{0};  // per request; 0 = ai_summary.timeout_s
  bool wait = true;                      // batch mode: wait for this run's batches
  BatchLimits batch_limits;              // the provider's batch input limits
  bool poll_pending = true;              // batch mode: poll earlier batches first (see below)
};

struct Summaries {
  std::vector<ArchiveRecord> records;  // the input, with the summaries they got
  SummaryStats stats;
  std::string sentence;  // for the run status: what happened, or why nothing did
};

Summaries summarize_digest(std::vector<ArchiveRecord> records, const SummaryRequest& request,
                           const Workspace& workspace, HistoryStore& history, Ports& ports);

// The summarizer's options from config.json: endpoint patience, PDF politeness, and the prompt
// template (prompt_file, else templates/prompts/ for the format). `key` may be "" (dry run).
Result<SummarizerOptions> summarizer_options(const Workspace& workspace, FileSystem& fs,
                                             std::string key,
                                             std::chrono::milliseconds timeout = {});

// The summary cache of `history`, preferring summaries stored on `day`.
SummaryLookup summary_cache(HistoryStore& history, const std::string& day);

}  // namespace arxiv_digest::app
