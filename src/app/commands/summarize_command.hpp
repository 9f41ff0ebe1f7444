#pragma once
// `arxiv-digest summarize`: the summarize step alone, on the ranked papers of the newest archive
// day (or --date): summaries for the top papers that have none, then the archive and README are
// written again. `--dry-run` sends nothing and prints what would be sent.

#include <ostream>

#include "app/commands/run_command.hpp"
#include "app/exit_code.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct SummarizeOptions {
  RunOptions run;            // config_path, output, date (the archive day), env, no_wait
  std::optional<int> limit;  // top papers to summarize; none = ai_summary.max_papers_to_summarize
  bool dry_run = false;
};

// Exit codes: ok; failed when a paper of the top ended without a summary (those that got one are
// written all the same: they were paid for) or the archive is missing or unreadable; usage for
// bad options, config, or no API key (not a dry run).
ExitCode summarize(const SummarizeOptions& options, Ports& ports, std::ostream& out);

}  // namespace arxiv_digest::app
