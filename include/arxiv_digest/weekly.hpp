#pragma once
// The weekly roll-up (digests/YYYY-Www.md and the site's week page): the best papers of an ISO
// week's digests by score, each once, with the summary the archive already holds. Building it
// asks nothing of a provider: a paper without a summary is shown with its abstract and counted.
//
// `weekly_rollup` is the model both the Markdown page (`render_weekly`) and an HTML page render.

#include <cstddef>
#include <string>
#include <vector>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/iso_week.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// One archive day's records, as the history holds them.
struct ArchivedDay {
  std::string day;  // YYYY-MM-DD
  std::vector<ArchiveRecord> records;
};

struct WeeklyRollup {
  IsoWeek week;
  std::string first_day;          // the week's Monday, YYYY-MM-DD
  std::string last_day;           // its Sunday
  std::vector<std::string> days;  // the archive days of the week that showed papers, oldest first
  // Best first (score, then the earlier day, then id); one record per paper id, from the day it
  // was shown with a summary if any copy has one, else its latest version. digest_date says
  // which day's digest the record comes from.
  std::vector<ArchiveRecord> papers;
  std::size_t without_summary = 0;  // of `papers`
};

// The roll-up of `week` from `days` (days outside the week are ignored; only ranked records,
// the papers a digest showed, count), keeping the best `max_papers`.
WeeklyRollup weekly_rollup(IsoWeek week, const std::vector<ArchivedDay>& days,
                           std::size_t max_papers);

// "weekly 2026-W07: 20 papers, 3 without a summary" (", all with a summary" when none lacks
// one): the status line's words for it.
std::string weekly_sentence(const WeeklyRollup& rollup);

// "2026-W07.md": the roll-up's file in the digests folder.
std::string weekly_file_name(IsoWeek week);

// Renders templates/weekly.md.mustache. Text is escaped as the daily digest escapes it (titles as
// link text, `<`/`>` elsewhere; summaries keep their Markdown minus <details>/<summary> tags).
Result<std::string> render_weekly(const WeeklyRollup& rollup, const std::string& template_source);

}  // namespace arxiv_digest
