#pragma once
// Today's announcements from arXiv over HTTP (source.kind rss or atom): one request for all
// categories, conditional on what the last run stored.

#include "app/sources/feed_cache.hpp"
#include "app/sources/feed_set.hpp"
#include "arxiv_digest/config.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

// `http` should be polite (spacing, retries: PoliteHttpClient). One combined request for all
// categories; when the combined feed reaches arXiv's 2000-item cap it warns and fetches the
// categories one by one instead. A source that fails (HTTP error, timeout, malformed feed, an
// HTML page, arXiv's feed error) is recorded in its SourceStatus and the others still count.
FeedSet fetch_announcements(const Config& config, HttpClient& http, FeedCache& cache);

}  // namespace arxiv_digest::app
