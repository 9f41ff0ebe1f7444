#pragma once
// `arxiv-digest run` as a sequence of stages, each a function of values (DESIGN "Pipeline"):
//
//   sources ─▶ selection ─▶ summaries ─▶ outputs          (run --since: backfill, then the same)
//   sources_stage  selection_stage  summary_stage  output_stage
//
// over one HistoryStore opened at the start; run_report assembles the status from their
// results. A failed stage stops the run: only state/last_run.json is written after it.

#include <chrono>
#include <string>

#include "app/exit_code.hpp"
#include "app/secrets.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/batch_codec.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct RunOptions {
  std::string config_path = "config.json";
  std::string offline_dir;  // read feeds from *.xml here instead of the network
  std::string output;       // README path; "" = output.readme from config
  std::string date;         // YYYY-MM-DD pins "today"; "" = see choose_today
  std::string since;        // backfill from this submission date (API search); "" = daily run
  std::string until;        // backfill end, inclusive; "" = today (UTC)
  int page_size = 2000;     // API results per backfill page (arXiv allows at most 2000)
  std::chrono::milliseconds summary_timeout{0};  // 0 = ai_summary.timeout_s (tests shorten it)
  bool no_wait = false;      // batch mode: submit (and collect what is done), do not wait
  BatchLimits batch_limits;  // the provider's batch input limits (tests shrink them)
  EnvLookup env;
  std::string smtp_ca_file;  // a CA bundle to trust for SMTP TLS ("" = the system's); tests
  std::chrono::milliseconds delivery_timeout{30000};  // per delivery request (tests shorten it)
};

// Runs the stages for a loaded workspace. Never replaces a good README with an empty or partial
// one: a failed run writes nothing more, and a run with nothing new keeps the previous digest
// and updates only its status line.
ExitCode run_digest(const RunOptions& options, const Workspace& workspace, Ports& ports);

}  // namespace arxiv_digest::app
