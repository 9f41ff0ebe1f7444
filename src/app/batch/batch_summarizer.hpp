#pragma once
// Batch mode (DESIGN "Summarizer"): the top `max_papers_to_summarize` ranked records
// are summarized through the provider's Batch API at about half the price of sync mode.
//
// One run, in order:
// 1. Resume: every batch in state/batches.json is polled once; finished ones are collected
//    (their summaries go on today's records and into the archive file of the run that
//    submitted them), and removed from the state.
// 2. Submit: papers of the top without a cached summary and not covered by a still-pending
//    batch become JSONL lines (split per plan_batch_inputs), uploaded with purpose batch and
//    submitted; each batch is written to state/batches.json (atomically) right after its
//    POST /batches and before any polling, so a killed run never pays twice.
// 3. Wait (unless `wait` is false, i.e. `run --no-wait`): poll this run's batches every
//    `batch_poll_interval_s` on the Clock until each is terminal or `batch_wait_deadline_s`
//    passed; finished ones are collected as in 1. Batches still running stay in the state and
//    their papers are listed as pending.
// 4. Fallback: papers whose lines failed, expired, went missing or could not be sent are sent
//    through the sync summarizer when batch_fallback_to_sync, else listed "left for the next
//    batch" (the next run submits them again). Either way the reason names the batch.
//
// Every paper of the top ends summarized, cached, or in not_summarized with its reason. Tokens
// from output lines' usage are counted in stats.batch as well as in the totals.

#include <string>
#include <vector>

#include "app/history/history_store.hpp"
#include "app/summarize/sync_summarizer.hpp"
#include "arxiv_digest/batch_codec.hpp"

namespace arxiv_digest::app {

struct BatchSummarizerOptions {
  SummarizerOptions sync;  // config, key, prompt template, timeouts; the fallback uses it as is
  std::string run;         // this run's digest date: batch metadata and archive file name
  bool wait = true;        // false: submit and return (run --no-wait)
  // false: skip step 1 (a backfill submitting day after day polls the pending batches once, on
  // its first day, not once per day)
  bool poll_pending = true;
  BatchLimits limits;               // the provider's input file limits
  std::string state_path;           // state/batches.json
  HistoryStore* history = nullptr;  // earlier runs' archive days get their collected summaries
};

// Summarizes the planned jobs (summary_plan.hpp) through the Batch API, as described above.
SummaryStats summarize_in_batches(std::vector<ArchiveRecord>& records, const SummaryPlan& plan,
                                  Ports& ports, const BatchSummarizerOptions& options);

// summary_sentence plus the batch part: "...; batch: 1 submitted, 1 collected, 38 summarized
// (3800 tokens in, 1140 out), 2 sent again in sync".
std::string batch_summary_sentence(const SummaryStats& stats);

}  // namespace arxiv_digest::app
