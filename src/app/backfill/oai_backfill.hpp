#pragma once
// The OAI-PMH harvest behind `arxiv-digest backfill` (and the resume at the end of `run`):
// ListRecords pages of arXivRaw records, one set after the other, each page filed into the
// archive before the next is asked for (docs/ARCHITECTURE.md "Backfill").
//
// Per page: the records become candidates (backfill_paper: the announcement day each is filed
// under, new/cross/replace), each day's candidates are ranked like a daily run's (same filters,
// shown-before history) and merged into that day's archive file (merge_into_day), then the
// state (state/backfill.json) moves on to the next token and is written atomically. A day that
// is in the archive and was not created by this backfill is a real digest: it is never changed.
// The days a page is about to create are added to the state before their files are written, so
// a kill between the two still leaves them owned.
//
// Requests go through one PoliteHttpClient: the configured interval between requests, the
// configured User-Agent, and arXiv's flow control (503 + Retry-After: exactly that wait on the
// Clock, then the same URL again). OAI errors: noRecordsMatch ends a set with nothing;
// badResumptionToken (tokens expire daily) restarts the set from the newest datestamp done, once
// in a row; any other stops the harvest with its code and message.

#include <optional>
#include <string>
#include <vector>

#include "app/history/history_store.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/backfill_state.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

// state/backfill.json of the workspace.
std::string backfill_state_path(const Workspace& workspace);

// The saved backfill, or nullopt when there is none. An unreadable file is an Error naming it.
Result<std::optional<BackfillState>> load_backfill_state(FileSystem& fs, const std::string& path);

// A new backfill of [since, until] over `sets` (empty: the sets of the configured categories).
BackfillState new_backfill(const Config& config, const std::string& since, const std::string& until,
                           const std::vector<std::string>& sets, bool summarize, Clock& clock);

struct Harvest {
  long long pages = 0;                    // pages done by this call
  long long records = 0;                  // records they held
  long long papers = 0;                   // candidates filed
  std::vector<std::string> days_written;  // archive days written, in order, each once
  std::vector<std::string> days_kept;     // days already in the archive, left alone
  std::vector<std::string> notes;         // what the user should know: restarts, skipped records
  std::optional<Error> failure;           // what stopped the harvest before its end
};

// Harvests from where `state` stands until every set is done or a page fails; `state` is saved
// to `state_path` after each page.
Harvest harvest_oai(BackfillState& state, const std::string& state_path, const Workspace& workspace,
                    HistoryStore& history, Ports& ports);

}  // namespace arxiv_digest::app
