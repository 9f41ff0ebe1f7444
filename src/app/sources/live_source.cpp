#include "app/sources/live_source.hpp"

#include <spdlog/spdlog.h>

#include "app/http/polite_http_client.hpp"
#include "arxiv_digest/arxiv_urls.hpp"

namespace arxiv_digest::app {
namespace {

// arXiv truncates a combined feed at 2000 items (DESIGN.md "Inputs").
constexpr std::size_t kCombinedFeedCap = 2000;

std::string quote_body(const std::string& body) {
  std::string text = body.substr(0, 120);
  for (char& c : text) {
    c = (c == '\n' || c == '\r') ? ' ' : c;
  }
  return text.empty() ? "empty body" : "\"" + text + (body.size() > 120 ? "...\"" : "\"");
}

// Fetches and parses one feed URL into `collector`; returns the number of items read.
std::size_t fetch_feed(const std::string& url, const SourceConfig& config, HttpClient& http,
                       FeedCache& cache, FeedCollector& collector) {
  HttpRequest request = arxiv_request(url, config);
  cache.prepare(request);
  SourceStatus status;
  status.name = url;
  auto response = http.send(request);
  if (!response) {
    collector.add_failure(std::move(status), response.error());
    return 0;
  }
  status.http_status = response->status;
  if (response->status != 200 && response->status != 304) {
    collector.add_failure(
        std::move(status),
        Error{ErrorCode::http_status, url + ": HTTP " + std::to_string(response->status) + ": " +
                                          quote_body(response->body)});
    return 0;
  }
  auto stored = cache.resolve(request, *response);
  if (!stored && response->status == 304) {
    collector.add_failure(std::move(status), stored.error());
    return 0;
  }
  if (!stored) {
    spdlog::warn("{}", stored.error().message);  // the body is good; it just was not kept
  }
  status.not_modified = stored && stored->has_value();
  const std::string& body = status.not_modified ? **stored : response->body;
  if (auto added = collector.add(status, body); !added) {
    // Not kept: a broken download must not come back as "304, reuse what you have".
    if (auto forgotten = cache.forget(url); !forgotten) {
      spdlog::warn("{}", forgotten.error().message);
    }
    return 0;
  }
  return collector.last_items();
}

}  // namespace

FeedSet fetch_announcements(const Config& config, HttpClient& http, FeedCache& cache) {
  const ArxivHosts hosts = arxiv_hosts(config.source.base_url);
  FeedCollector combined;
  const std::size_t items = fetch_feed(feed_url(config.source.kind, config.categories, hosts),
                                       config.source, http, cache, combined);
  if (items < kCombinedFeedCap || config.categories.size() == 1) {
    return std::move(combined).finish(config.categories);
  }
  spdlog::warn("the combined feed has {} items, arXiv's cap; fetching each category alone", items);
  FeedCollector each;
  for (const auto& category : config.categories) {
    fetch_feed(feed_url(config.source.kind, {category}, hosts), config.source, http, cache, each);
  }
  return std::move(each).finish(config.categories);
}

}  // namespace arxiv_digest::app
