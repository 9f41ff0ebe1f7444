#pragma once
// `state/backfill.json`: where an OAI-PMH backfill stands, written atomically after every page,
// so a backfill that stops (killed, timed out in Actions, network gone) continues from the last
// page it finished, on the next `backfill` or `run`, instead of from the beginning.
//
// {"version": 1, "since", "until", "sets": [...], "set_index", "from", "token",
//  "last_datestamp", "days": [...], "pages", "records", "papers", "summarize",
//  "started_at", "updated_at"}

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

struct BackfillState {
  std::string since;              // first announcement day asked for, YYYY-MM-DD
  std::string until;              // last one, or "" for the day before started_at (last_day)
  std::vector<std::string> sets;  // OAI sets, harvested one after the other
  std::size_t set_index = 0;      // the set being harvested; == sets.size() when all are done
  // The next request: the token when non-empty, else a first request of sets[set_index] with
  // from = `from` (the range's start, or the datestamp an expired token restarts at).
  std::string from;
  std::string token;
  std::string last_datestamp;     // newest datestamp of the set's pages done so far
  std::vector<std::string> days;  // archive days this backfill created: the only ones it changes
  long long pages = 0;            // pages done over every set
  long long records = 0;          // records read
  long long papers = 0;           // papers filed as candidates
  bool summarize = false;         // --summarize: batches are submitted once the harvest is done
  std::string started_at;         // ISO 8601 UTC
  std::string updated_at;
  bool operator==(const BackfillState&) const = default;

  bool harvested() const { return set_index >= sets.size(); }
  // The last day filed: `until`, or without one the day before the backfill started, since that
  // day's digest and the later ones are the daily run's to write.
  std::string last_day() const;
};

// Pretty JSON ending in '\n'.
std::string write_backfill_state(const BackfillState& state);

// Unknown members are ignored. A file that is not JSON, or lacks since/sets, or whose set_index
// is past its sets, is malformed_input naming `source_name` and what to do (fix or delete it).
Result<BackfillState> parse_backfill_state(std::string_view text, std::string_view source_name);

}  // namespace arxiv_digest
