#pragma once
// A backfill from its saved state to its end, for `arxiv-digest backfill` and for `run` (which
// continues an unfinished one after its own digest): the OAI-PMH harvest (oai_backfill.hpp),
// then, when the backfill asked for them, the summaries of every day it wrote through the Batch
// API (never sync: thousands of papers), submitted without waiting; `arxiv-digest batch
// collect` (or a later run in batch mode) collects them into those days' archive files.

#include <chrono>
#include <optional>
#include <ostream>
#include <string>

#include "app/exit_code.hpp"
#include "app/history/history_store.hpp"
#include "app/secrets.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/backfill_state.hpp"
#include "arxiv_digest/batch_codec.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct BackfillSummaries {
  EnvLookup env;                                 // where the API key is read
  BatchLimits batch_limits;                      // the provider's batch input limits (tests)
  std::chrono::milliseconds summary_timeout{0};  // 0 = ai_summary.timeout_s
  bool poll_pending = true;  // false: the caller (a run) has polled the pending batches already
};

// "2026-01-05..2026-03-31 (sets cs, stat)"
std::string backfill_range_text(const BackfillState& state);

// True when a saved backfill has pages or summaries left.
bool unfinished(const std::optional<BackfillState>& saved);

// Why the summaries cannot be submitted (disabled, PDF input, no key), or nullopt.
std::optional<std::string> backfill_summaries_problem(const Workspace& workspace,
                                                      const EnvLookup& env);

// Harvests what is left of `state` (saved to `path` after each page), then submits the
// summaries it asked for when `submit`. Prints the outcome to `out` when given. Exit codes: ok
// when all is done; partial when pages are done and the rest is saved for later; failed when no
// page was ever done.
ExitCode finish_backfill(BackfillState& state, const std::string& path, const Workspace& workspace,
                         HistoryStore& history, Ports& ports, const BackfillSummaries& summaries,
                         bool submit, std::ostream* out);

// For `run`: continues the unfinished backfill saved in the state folder, if any (ok when there
// is none; partial when it could not be finished now). Its summaries, if it asked for them, are
// submitted when `summaries.env` has the key.
ExitCode continue_saved_backfill(const Workspace& workspace, HistoryStore& history, Ports& ports,
                                 const BackfillSummaries& summaries);

}  // namespace arxiv_digest::app
