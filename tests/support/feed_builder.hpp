#pragma once
// Feeds written in rss.arxiv.org's exact RSS 2.0 layout, for tests that need a feed of a given
// shape (a day, a category, a paper cross-listed or bumped to v2) rather than a real capture.

#include <string>
#include <vector>

namespace arxiv_digest::testing {

struct FeedItem {
  std::string id;  // without version
  int version = 1;
  std::string title;
  std::string abstract;
  std::vector<std::string> categories{"cs.LG"};
  std::string announce_type = "new";
  std::string authors = "Ada Lovelace, Alan Turing";
};

// An RSS 2.0 feed in rss.arxiv.org's exact layout (text must already be XML-escaped).
std::string rss_feed(const std::string& category, const std::string& rfc822_day,
                     const std::vector<FeedItem>& items);

// An export.arxiv.org API response (Atom with opensearch counts) holding `items`, published on
// `iso_day` ("2026-01-05").
std::string api_feed(long long total_results, long long start_index, const std::string& iso_day,
                     const std::vector<FeedItem>& items);

}  // namespace arxiv_digest::testing
