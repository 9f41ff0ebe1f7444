#pragma once
// The pages made of many archive days: the trends picture (digests_dir/trends.svg) and the weekly
// roll-up (digests_dir/YYYY-Www.md). The history index answers for the archived days: the
// keyword counts it keeps per day (no record is read for the trends) and the week's records.
//
// A run writes trends.svg with every new digest (output.trends_enabled) and its week's roll-up
// when its digest is for a Friday, the week's last announcement day, or a Saturday or Sunday
// (a --date run); `arxiv-digest weekly` writes any week's roll-up through archived_week().

#include <string>
#include <vector>

#include "app/history/history_store.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/iso_week.hpp"
#include "arxiv_digest/trends.hpp"
#include "arxiv_digest/weekly.hpp"

namespace arxiv_digest::app {

std::string trends_path(const Workspace& workspace);                // digests_dir/trends.svg
std::string weekly_path(const Workspace& workspace, IsoWeek week);  // digests_dir/2026-W07.md

// Whether a run's digest for `day` closes its week (Friday, Saturday or Sunday).
bool closes_week(const std::string& day);

struct RollupFile {
  std::string path;
  std::string bytes;
};

struct RunRollups {
  std::vector<RollupFile> files;  // nothing written yet
  bool trends = false;            // trends.svg is among the files
  std::string weekly;             // weekly_sentence of the roll-up among the files, else ""
};

// What a run's new digest of `day` (its `records`, not archived yet) adds: the trends of the
// last kTrendDays archive days up to `day` and, when `day` closes its week, the week's roll-up,
// with `records` standing in for the archive's copy of `day`.
Result<RunRollups> render_run_rollups(const std::string& day,
                                      const std::vector<ArchiveRecord>& records,
                                      const Workspace& workspace, HistoryStore& history,
                                      FileSystem& fs);

// The roll-up of `week` from the archive, output.weekly_papers long.
Result<WeeklyRollup> archived_week(IsoWeek week, const Workspace& workspace, HistoryStore& history);

// The roll-up as Markdown through weekly.md.mustache (overridable like every template).
Result<std::string> render_weekly_page(const WeeklyRollup& rollup, const Workspace& workspace,
                                       FileSystem& fs);

}  // namespace arxiv_digest::app
