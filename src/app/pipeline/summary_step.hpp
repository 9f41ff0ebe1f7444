#pragma once
// The summarize step of a run (DESIGN "Summarizer"): which summarizer runs (sync, batch, PDF
// input), with what options from config.json, and what the status says when it does not run.

#include <optional>
#include <string>
#include <vector>

#include "app/pipeline/archive_history.hpp"
#include "app/pipeline/run_context.hpp"
#include "app/summarize/sync_summarizer.hpp"
#include "arxiv_digest/archive.hpp"

namespace arxiv_digest::app {

// The status sentence when nothing gets summarized: disabled, no key (naming the variable), or
// nothing new.
std::string summaries_status(const RunContext& ctx);

// The key from the environment variable named by ai_summary.api_key_env; nullopt when unset or
// empty.
std::optional<std::string> api_key(const RunContext& ctx);

// The summarizer's options from config.json: endpoint patience, PDF politeness, and the prompt
// template (prompt_file, else templates/prompts/ for the format). `key` may be "" (dry run).
Result<SummarizerOptions> summarizer_options(const RunContext& ctx, std::string key);

// Today's archive records and earlier days' summarized ones: where cached summaries come from.
std::vector<ArchiveRecord> summary_cache(const History& history);

// Summarizes the top of the digest when enabled and the key is set (summaries_status says why
// not otherwise); cached summaries come from today's and earlier archive records.
void summarize_digest(RunContext& ctx, std::vector<ArchiveRecord>& records, const History& history);

}  // namespace arxiv_digest::app
