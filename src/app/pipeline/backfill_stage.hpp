#pragma once
// `run --since`: the sources and selection stages at once, streamed. The API search over the
// range is read page by page, each page ranked on arrival and merged into the best max_papers
// so far, so memory stays bounded however long the range.

#include <optional>
#include <string>
#include <vector>

#include "app/history/history_store.hpp"
#include "arxiv_digest/config.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/run_status.hpp"
#include "arxiv_digest/selection.hpp"

namespace arxiv_digest::app {

struct BackfillRange {
  std::string since;  // first submission date, YYYY-MM-DD
  std::string until;  // last one, inclusive; also the digest's date
  int page_size = 2000;
};

struct Backfill {
  std::vector<SourceStatus> sources;  // one per page requested
  Selection selection;                // the best max_papers of every page, stats summed
  std::optional<Error> failure;       // no page could be read, or the history could not
};

Backfill select_backfill(const Config& config, const BackfillRange& range, HistoryStore& history,
                         Ports& ports);

}  // namespace arxiv_digest::app
