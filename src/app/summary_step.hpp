#pragma once
// The summarize step of a run (DESIGN "Summarizer"): which summarizer runs (sync, batch, PDF
// input), with what options from config.json, and what the status says when it does not run.

#include <string>
#include <vector>

#include "app/archive_history.hpp"
#include "app/run_context.hpp"
#include "arxiv_digest/archive.hpp"

namespace arxiv_digest::app {

// The status sentence when nothing gets summarized: disabled, no key (naming the variable), or
// nothing new.
std::string summaries_status(const RunContext& ctx);

// Summarizes the top of the digest when enabled and the key is set (summaries_status says why
// not otherwise); cached summaries come from today's and earlier archive records.
void summarize_digest(RunContext& ctx, std::vector<ArchiveRecord>& records, const History& history);

}  // namespace arxiv_digest::app
