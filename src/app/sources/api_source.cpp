#include "app/sources/api_source.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app/http/polite_http_client.hpp"
#include "app/sources/feed_set.hpp"
#include "arxiv_digest/arxiv_urls.hpp"
#include "arxiv_digest/feed.hpp"

namespace arxiv_digest::app {
namespace {

Result<Feed> query(const std::string& url, const SourceConfig& source, HttpClient& http,
                   SourceStatus& status) {
  status.name = url;
  auto response = http.send(arxiv_request(url, source));
  if (!response) {
    return response.error();
  }
  status.http_status = response->status;
  status.bytes = response->body.size();
  // arXiv reports a bad query as HTTP 400 with an Atom error entry: parse it for the reason.
  auto feed = parse_feed(response->body, url);
  if (!feed) {
    return feed.error();
  }
  if (response->status != 200) {
    return Error{ErrorCode::http_status, url + ": HTTP " + std::to_string(response->status)};
  }
  return feed;
}

}  // namespace

std::size_t page_through_search(const Config& config, const std::string& since,
                                const std::string& until, int page_size, HttpClient& http,
                                const std::function<void(ApiPage&&)>& on_page) {
  const ArxivHosts hosts = arxiv_hosts(config.source.base_url);
  page_size = std::clamp(page_size, 1, kMaxApiResults);
  std::size_t pages = 0;
  for (long long start = 0;; start += page_size) {
    ApiPage page;
    const std::string url =
        api_search_url(config.categories, since, until, start, page_size, hosts);
    auto answer = query(url, config.source, http, page.source);
    ++pages;
    if (!answer) {
      page.source.error = answer.error().message;
      on_page(std::move(page));
      return pages;
    }
    page.total_results = answer->total_results;
    page.source.items = answer->papers.size();
    page.source.skipped = answer->skipped;
    page.papers = std::move(answer->papers);
    mark_api_entries_new(page.papers);
    const bool last = page.papers.empty() ||
                      start + static_cast<long long>(page.source.items) >= page.total_results;
    spdlog::info("backfill page {}: {} of {} results", pages,
                 start + static_cast<long long>(page.source.items), page.total_results);
    on_page(std::move(page));
    if (last) {
      return pages;
    }
  }
}

Result<std::vector<Paper>> fetch_by_id(const Config& config, const std::vector<std::string>& ids,
                                       HttpClient& http) {
  const ArxivHosts hosts = arxiv_hosts(config.source.base_url);
  std::vector<Paper> papers;
  for (std::size_t first = 0; first < ids.size(); first += kMaxIdsPerRequest) {
    const auto last = std::min(ids.size(), first + kMaxIdsPerRequest);
    const std::vector<std::string> batch(ids.begin() + static_cast<std::ptrdiff_t>(first),
                                         ids.begin() + static_cast<std::ptrdiff_t>(last));
    SourceStatus status;
    auto answer = query(api_id_list_url(batch, hosts), config.source, http, status);
    if (!answer) {
      return answer.error();
    }
    for (auto& paper : answer->papers) {
      papers.push_back(std::move(paper));
    }
  }
  return papers;
}

}  // namespace arxiv_digest::app
