#include "app/offline_source.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "arxiv_digest/selection.hpp"

namespace arxiv_digest::app {

Result<FeedSet> read_offline_feeds(FileSystem& fs, const std::string& dir,
                                   const std::vector<std::string>& categories) {
  auto files = fs.list(dir, ".xml");
  if (!files) {
    return Error{ErrorCode::io, "--offline " + dir + ": " + files.error().message};
  }
  if (files->empty()) {
    return Error{ErrorCode::io, "--offline " + dir + ": no *.xml feed files in this folder"};
  }
  FeedSet set;
  std::vector<std::vector<Paper>> papers;
  std::vector<std::vector<std::string>> feed_categories;
  for (const auto& path : *files) {
    auto bytes = fs.read(path);
    if (!bytes) {
      return bytes.error();
    }
    auto feed = parse_feed(*bytes, path);
    if (!feed) {
      return feed.error();
    }
    SourceStatus source;
    source.name = std::filesystem::path(path).filename().string();
    source.items = feed->papers.size();
    source.bytes = bytes->size();
    source.feed_date = feed->date;
    source.skipped = feed->skipped;
    spdlog::info("read {}: {} feed, {} items, {} bytes{}", source.name, to_string(feed->kind),
                 source.items, source.bytes, feed->date.empty() ? "" : ", dated " + feed->date);
    for (const auto& item : feed->skipped) {
      spdlog::warn("{}: skipped {}: {}", source.name, item.where, item.reason);
    }
    set.newest_date = std::max(set.newest_date, feed->date);
    set.sources.push_back(std::move(source));
    papers.push_back(std::move(feed->papers));
    feed_categories.push_back(std::move(feed->feed_categories));
  }
  set.announcements = order_announcements(papers, feed_categories, categories);
  return set;
}

}  // namespace arxiv_digest::app
