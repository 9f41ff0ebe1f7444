#pragma once
// `arxiv-digest run`: the whole pipeline, feeds → selection → archive → README → run status.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "app/exit_code.hpp"
#include "arxiv_digest/batch_codec.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

// Looks up an environment variable (main passes getenv; tests pass a map).
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

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
};

// Never replaces a good README with an empty or partial one: a failed run writes nothing, and a
// run with nothing new keeps the previous digest and updates only its status line.
ExitCode run(const RunOptions& options, Ports& ports);

}  // namespace arxiv_digest::app
