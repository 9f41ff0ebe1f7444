#pragma once
// `arxiv-digest backfill --since D [--until D] [--set SET] [--summarize]`: weeks to years of
// papers into the archive through arXiv's OAI-PMH interface (app/backfill/oai_backfill.hpp),
// one archive file per announcement day, resumable from state/backfill.json. With --summarize
// the top papers of every day it wrote go to the Batch API (never sync: thousands of papers),
// submitted without waiting; `arxiv-digest batch collect` (or the next run, in batch mode)
// collects them.
//
// Without --since, the unfinished backfill in the state folder is continued; with a range other
// than the unfinished one, nothing is done (usage) so a typo never abandons a long harvest.
// `run` continues an unfinished backfill too, after its own digest is written
// (app/backfill/backfill_job.hpp).

#include <chrono>
#include <ostream>
#include <string>

#include "app/exit_code.hpp"
#include "app/secrets.hpp"
#include "arxiv_digest/batch_codec.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct BackfillOptions {
  std::string config_path = "config.json";
  std::string since;  // YYYY-MM-DD; "" = continue the saved backfill
  std::string until;  // YYYY-MM-DD; "" = up to yesterday (today's digest is run's)
  std::string set;    // one OAI set; "" = the sets of the configured categories
  bool summarize = false;
  EnvLookup env;
  BatchLimits batch_limits;                      // the provider's batch input limits (tests)
  std::chrono::milliseconds summary_timeout{0};  // 0 = ai_summary.timeout_s
};

// Exit codes: ok when every set is harvested (and the summaries asked for are submitted);
// partial when pages were done (now or by an earlier run) and the rest is left to resume; failed
// when nothing could be harvested; usage for bad options, config, or no API key for --summarize.
ExitCode backfill(const BackfillOptions& options, Ports& ports, std::ostream& out);

}  // namespace arxiv_digest::app
