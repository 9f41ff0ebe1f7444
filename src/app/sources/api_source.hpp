#pragma once
// arXiv's query API (export.arxiv.org/api/query): backfill searches paged with `start`, and
// lookups by id. Pages are handed over one at a time, so a long range never sits in memory.

#include <functional>
#include <string>
#include <vector>

#include "arxiv_digest/config.hpp"
#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/result.hpp"
#include "arxiv_digest/run_status.hpp"

namespace arxiv_digest::app {

struct ApiPage {
  SourceStatus source;        // the request: URL, HTTP status, items, bytes, error
  std::vector<Paper> papers;  // announce_type "new": the search is by submission date
  long long total_results = 0;
};

// Requests pages of `page_size` results (≤ 2000) of the search over config.categories submitted
// between `since` and `until` (inclusive), oldest first, through `http` (which spaces them), and
// calls `on_page` for each. Stops after the last page, at an empty page, or after a failed page
// (handed over with source.error set). Returns the number of pages requested.
std::size_t page_through_search(const Config& config, const std::string& since,
                                const std::string& until, int page_size, HttpClient& http,
                                const std::function<void(ApiPage&&)>& on_page);

// The papers with these ids (batched id_list requests). Unknown ids are simply absent; a failed
// request or arXiv's error entry (e.g. a malformed id) is an Error naming it.
Result<std::vector<Paper>> fetch_by_id(const Config& config, const std::vector<std::string>& ids,
                                       HttpClient& http);

}  // namespace arxiv_digest::app
