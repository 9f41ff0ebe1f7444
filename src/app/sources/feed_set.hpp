#pragma once
// The feeds of one run, offline or live: parsed papers in tie order and one status per source.

#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/feed.hpp"
#include "arxiv_digest/result.hpp"
#include "arxiv_digest/run_status.hpp"

namespace arxiv_digest::app {

struct FeedSet {
  std::vector<SourceStatus> sources;  // in the order read
  std::vector<Paper> announcements;   // in tie order: config categories, then feed order
  std::string newest_date;            // latest feed date seen ("" if none)

  std::size_t failed_sources() const;
};

// API entries carry no announcement type; a search by submission date returns submissions, so
// they count as "new" (the default announce_types) unless they already have a type.
void mark_api_entries_new(std::vector<Paper>& papers);

// Collects sources one by one, then orders their papers once.
class FeedCollector {
 public:
  // Parses `bytes` as the feed named by `source.name`. On success its papers join the set and
  // `source` gets its counts; on failure `source.error` says why. Either way the source is kept.
  Result<void> add(SourceStatus source, std::string_view bytes);
  void add_failure(SourceStatus source, const Error& error);
  // Items of the source added last (0 if it failed).
  std::size_t last_items() const;
  // The collected set, announcements ordered by `categories` (config order).
  FeedSet finish(const std::vector<std::string>& categories) &&;

 private:
  FeedSet set_;
  std::vector<std::vector<Paper>> papers_;
  std::vector<std::vector<std::string>> feed_categories_;
};

}  // namespace arxiv_digest::app
