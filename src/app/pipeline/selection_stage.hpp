#pragma once
// Stage 2 of a run: selection. The announcements the sources stage read, ranked against the
// configuration and the history (papers shown on earlier days are not shown again), become the
// day's archive records; summaries already in today's archive are carried over, so a same-day
// rerun costs nothing. `run`, `rank` and `explain` all select through here.

#include <string>
#include <vector>

#include "app/history/history_store.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/config.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/selection.hpp"

namespace arxiv_digest::app {

SelectionOptions selection_options(const Config& config, const std::string& today);

// The digest's date: --date if given; else, offline, the newest feed's own date (a captured day
// replays as that day, so days_back keeps its papers); else the clock's UTC date.
std::string choose_today(const std::string& date_option, const std::string& newest_feed_date,
                         Clock& clock);

// The papers of `announcements` shown in a digest before `day`, from the history.
Result<ShownHistory> shown_before(HistoryStore& history, const std::string& day,
                                  const std::vector<Paper>& announcements);

struct DigestSelection {
  Selection selection;                 // ranked candidates and the counts of every filter
  std::vector<ArchiveRecord> records;  // the candidates as the day's archive records
};

// Ranks `announcements` (in tie order) for `day`.
Result<DigestSelection> select_digest(std::vector<Paper> announcements, const std::string& day,
                                      const Config& config, HistoryStore& history);

// The archive records of a finished selection, with the summaries today's archive already has
// for the same id and version.
Result<std::vector<ArchiveRecord>> digest_records(const Selection& selection,
                                                  const std::string& day, HistoryStore& history);

}  // namespace arxiv_digest::app
