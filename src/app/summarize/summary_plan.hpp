#pragma once
// Which papers a summarizer sends (DESIGN "Summarizer", "cache"), decided once for sync mode,
// batch mode and `summarize --dry-run`: the top `ai_summary.max_papers_to_summarize` ranked
// records, minus those whose summary is cached under (id, version, model, prompt hash, input
// mode), each with its prompt rendered from the template.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/config.hpp"
#include "arxiv_digest/history_index.hpp"
#include "arxiv_digest/run_status.hpp"

namespace arxiv_digest::app {

// The summary cache: a stored summary for a key, or nothing (HistoryStore::cached_summary).
using SummaryLookup = std::function<Result<std::optional<Summary>>(const SummaryKey&)>;

// One paper to summarize: its record (index into the records planned over) and its prompt.
struct SummaryJob {
  std::size_t record = 0;
  std::string prompt;
};

struct SummaryPlan {
  std::string prompt_hash;                      // of the template, model and format
  std::vector<SummaryJob> jobs;                 // in rank order
  std::size_t cached = 0;                       // top records that got (or kept) a cached summary
  std::vector<UnsummarizedPaper> unrenderable;  // the prompt template failed on them
  // About 4 characters per token over the system message and prompt (what the abstract mode
  // sends; a PDF adds its own text on top, and a fields re-ask doubles a paper's share).
  long long estimated_prompt_tokens = 0;
};

// Puts the cached summary on each top record that has one (its own, when its key matches, else
// from `cache`) and plans a job for each other. An Error means the cache could not be read.
Result<SummaryPlan> plan_summaries(std::vector<ArchiveRecord>& records, const SummaryLookup& cache,
                                   const AiSummaryConfig& config,
                                   const std::string& template_source);

// Adds what the plan decided (cache hits, unrenderable prompts) to what a summarizer did.
void add_plan(SummaryStats& stats, const SummaryPlan& plan);

// The cache key of `paper` under `config` and `prompt_hash`.
SummaryKey summary_key(const Paper& paper, const AiSummaryConfig& config,
                       const std::string& prompt_hash);

}  // namespace arxiv_digest::app
