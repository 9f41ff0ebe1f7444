#pragma once
// The archive as memory across days: what earlier digests showed, what today's run already
// wrote, and every summary that can be reused.

#include <string>
#include <vector>

#include "app/pipeline/run_context.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/selection.hpp"

namespace arxiv_digest::app {

// Papers ranked in digests of earlier days (DESIGN difference 10), and the records already
// written today (a same-day rerun reuses their summaries).
struct History {
  ShownHistory shown;
  std::vector<ArchiveRecord> today;
  std::vector<ArchiveRecord> summarized_earlier;  // the summary cache from earlier days
};

// Reads every data/YYYY-MM-DD.jsonl up to `today`; a file that does not parse is an Error naming
// it.
Result<History> load_history(RunContext& ctx, const std::string& today);

// Summaries already in today's archive (same id and version) are kept, so a rerun costs nothing.
void carry_over_summaries(const std::vector<ArchiveRecord>& previous,
                          std::vector<ArchiveRecord>& records);

}  // namespace arxiv_digest::app
