#include "app/pipeline/sources_stage.hpp"

#include "app/http/polite_http_client.hpp"
#include "app/sources/feed_cache.hpp"
#include "app/sources/live_source.hpp"
#include "app/sources/offline_source.hpp"

namespace arxiv_digest::app {

std::string source_failures(const std::vector<SourceStatus>& sources) {
  std::string out;
  for (const auto& source : sources) {
    if (!source.error.empty()) {
      out += (out.empty() ? "" : "; ") + source.error;
    }
  }
  return out;
}

Sources read_sources(const Workspace& workspace, const std::string& offline_dir, Ports& ports) {
  const Config& config = workspace.config;
  if (!offline_dir.empty()) {
    auto feeds = read_offline_feeds(ports.fs, offline_dir, config.categories);
    return feeds ? Sources{std::move(feeds.value()), std::nullopt}
                 : Sources{FeedSet{}, feeds.error()};
  }
  PoliteHttpClient polite(ports.http, ports.clock, arxiv_politeness(config.source));
  FeedCache cache(ports.fs, workspace.resolve(config.output.state_dir));
  Sources sources{fetch_announcements(config, polite, cache), std::nullopt};
  const auto& read = sources.feeds.sources;
  if (sources.feeds.failed_sources() == read.size()) {
    sources.failure = Error{read.empty() ? ErrorCode::network : ErrorCode::http_status,
                            "no feed could be read: " + source_failures(read)};
  }
  return sources;
}

}  // namespace arxiv_digest::app
