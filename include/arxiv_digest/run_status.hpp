#pragma once
// What a run did, for `state/last_run.json`, the README's status line and the log's last line.

#include <string>
#include <vector>

#include "arxiv_digest/feed.hpp"
#include "arxiv_digest/selection.hpp"

namespace arxiv_digest {

enum class RunOutcome {
  ok,       // a new digest was written
  nothing,  // no new papers: the previous digest was kept
  partial,  // some sources or deliveries failed; the digest was built from the others
  failed,   // nothing was written
};
std::string_view to_string(RunOutcome outcome);

struct SourceStatus {
  std::string name;     // file name or URL
  int http_status = 0;  // 0 for files
  std::size_t items = 0;
  std::size_t bytes = 0;
  std::string feed_date;
  std::string error;          // "" when the source was read
  bool not_modified = false;  // HTTP 304: the stored copy was used
  std::vector<SkippedItem> skipped;
  bool operator==(const SourceStatus&) const = default;
};

// A paper of the summarized top that ended without a summary, and why ("budget", "HTTP 500 ...").
struct UnsummarizedPaper {
  std::string id;  // versioned: 2602.10965v1
  std::string reason;
  bool operator==(const UnsummarizedPaper&) const = default;
};

// Batch mode's share of a run. Its papers and tokens are also counted in
// SummaryStats' totals, so sync tokens are the totals minus these.
struct BatchStats {
  std::size_t submitted = 0;      // batches created this run
  std::size_t collected = 0;      // batches collected this run, earlier runs' included
  std::size_t summarized = 0;     // papers summarized from batch output lines
  std::size_t pending = 0;        // papers in batches not finished yet (also in not_summarized)
  std::size_t sync_fallback = 0;  // papers whose batch line failed, then sent in sync mode
  std::size_t requests = 0;       // /files and /batches requests, retries included
  long long prompt_tokens = 0;
  long long completion_tokens = 0;
  bool operator==(const BatchStats&) const = default;
};

// What the summarizer did this run (DESIGN "accounting"): every paper of the top ends cached,
// summarized (new) or listed in not_summarized.
struct SummaryStats {
  std::size_t cached = 0;
  std::size_t summarized = 0;
  std::size_t requests = 0;  // HTTP requests sent, retries and re-asks included
  std::size_t retries = 0;
  long long prompt_tokens = 0;
  long long completion_tokens = 0;
  std::vector<UnsummarizedPaper> not_summarized;
  std::vector<std::string> notes;  // e.g. a fields answer kept as text
  BatchStats batch;                // all zero in sync mode
  bool operator==(const SummaryStats&) const = default;
};

// What delivery did on one channel.
struct DeliveryStatus {
  std::string channel;  // "email", "slack", ...
  // sent | already_sent (the same digest earlier) | not_resent (sent earlier with other content,
  // resend_on_update off) | skipped (its secret is not set, or nothing to send) | failed |
  // dry_run
  std::string outcome;
  std::size_t messages = 0;  // messages sent this run (dry run: that would be sent)
  std::string detail;        // why skipped or failed; "" otherwise
  bool operator==(const DeliveryStatus&) const = default;
};

struct RunStatus {
  std::string started_at;   // ISO 8601 UTC
  std::string digest_date;  // YYYY-MM-DD
  RunOutcome outcome = RunOutcome::ok;
  std::vector<SourceStatus> sources;
  SelectionStats selection;
  std::string summaries;  // what happened to summaries, one sentence
  SummaryStats summary_stats;
  long long duration_ms = 0;
  std::string message;  // why it failed or why it is empty, "" when ok
  // What went wrong without stopping the run (a skipped archive line, a rebuilt index).
  std::vector<std::string> warnings;
  std::vector<DeliveryStatus> deliveries;  // one per configured channel, when delivering
  std::string weekly;  // the weekly roll-up written, one sentence; "" when none was
};

std::string write_run_status(const RunStatus& status);  // pretty JSON, ends in '\n'

// One line for the README and the log: date, sources, counts, summaries, any failure.
std::string status_line(const RunStatus& status);

}  // namespace arxiv_digest
