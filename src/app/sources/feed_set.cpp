#include "app/sources/feed_set.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "arxiv_digest/selection.hpp"

namespace arxiv_digest::app {

std::size_t FeedSet::failed_sources() const {
  return static_cast<std::size_t>(std::count_if(
      sources.begin(), sources.end(), [](const SourceStatus& s) { return !s.error.empty(); }));
}

void mark_api_entries_new(std::vector<Paper>& papers) {
  for (auto& paper : papers) {
    if (paper.announce_type.empty()) {
      paper.announce_type = "new";
    }
  }
}

Result<void> FeedCollector::add(SourceStatus source, std::string_view bytes) {
  source.bytes = bytes.size();
  auto feed = parse_feed(bytes, source.name);
  if (!feed) {
    add_failure(std::move(source), feed.error());
    return feed.error();
  }
  if (feed->kind == FeedKind::api) {
    mark_api_entries_new(feed->papers);
  }
  source.items = feed->papers.size();
  source.feed_date = feed->date;
  source.skipped = feed->skipped;
  spdlog::info("read {}: {} feed, {} items, {} bytes{}", source.name, to_string(feed->kind),
               source.items, source.bytes, feed->date.empty() ? "" : ", dated " + feed->date);
  for (const auto& item : feed->skipped) {
    spdlog::warn("{}: skipped {}: {}", source.name, item.where, item.reason);
  }
  set_.newest_date = std::max(set_.newest_date, feed->date);
  set_.sources.push_back(std::move(source));
  papers_.push_back(std::move(feed->papers));
  feed_categories_.push_back(std::move(feed->feed_categories));
  return {};
}

std::size_t FeedCollector::last_items() const {
  return set_.sources.empty() ? 0 : set_.sources.back().items;
}

void FeedCollector::add_failure(SourceStatus source, const Error& error) {
  source.error = error.message;
  set_.sources.push_back(std::move(source));
}

FeedSet FeedCollector::finish(const std::vector<std::string>& categories) && {
  set_.announcements = order_announcements(papers_, feed_categories_, categories);
  return std::move(set_);
}

}  // namespace arxiv_digest::app
