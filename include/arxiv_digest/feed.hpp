#pragma once
// Parsing arXiv documents (bytes in, papers out). Pure: no I/O; the caller names the source.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// Which arXiv interface a document comes from, and which one a run reads (config `source.kind`):
// the RSS 2.0 or Atom announcement feed, or an export API response.
enum class FeedKind { rss, atom, api };
inline constexpr std::array kFeedKinds{FeedKind::rss, FeedKind::atom, FeedKind::api};

// "rss" | "atom" | "api": the spelling in config.json.
std::string_view to_string(FeedKind kind);
// Exactly what to_string writes (case-sensitive); nullopt for anything else.
std::optional<FeedKind> parse_feed_kind(std::string_view text);

// An item we could not read; the rest of the feed still counts (DESIGN difference 3).
struct SkippedItem {
  std::string where;   // "item 12" plus the guid/id when known
  std::string reason;  // what was wrong
  bool operator==(const SkippedItem&) const = default;
};

struct Feed {
  FeedKind kind = FeedKind::rss;
  std::string title;
  // Categories the feed was requested for, from the channel title ("cs.AI, cs.LG updates on
  // arXiv.org") or, for Atom, from its self link; empty for API responses.
  std::vector<std::string> feed_categories;
  std::string date;  // announcement day YYYY-MM-DD (RSS/Atom channel date; API <updated> day)
  long long total_results = -1;  // API opensearch:totalResults; -1 when not an API response
  long long start_index = 0;     // API opensearch:startIndex
  std::vector<Paper> papers;     // document order
  std::vector<SkippedItem> skipped;
};

// Detects the kind from the document: RSS 2.0 (<rss version="2.0">), Atom announcement feed
// (<feed> without opensearch), API response (<feed> with opensearch:totalResults).
// Errors (each message starts with `source_name`):
//   malformed_input    not XML (with byte offset), an HTML page, or an unknown root element
//   unsupported_format legacy RSS 1.0/RDF (<rdf:RDF>)
//   feed_error         arXiv's "Feed error for query" channel (names the bad category) or an
//                      API response whose entry is titled "Error" (quotes arXiv's text)
// A feed with zero items is a valid empty Feed.
Result<Feed> parse_feed(std::string_view xml, std::string_view source_name);

// True when `body` is arXiv's throttle answer instead of a document: "Rate exceeded." (sent with
// status 429, sometimes with 200), surrounding spaces, tabs, CRs and LFs ignored. Exact otherwise
// (case matters, no text before or after), so a page that merely starts with those words is
// shown as the page it is rather than retried as a throttle. The final period is optional: the
// parser always took the text without it, and no feed is either text.
bool is_rate_exceeded_body(std::string_view body);

// Decodes TeX accent escapes used in arXiv RSS author names (G\"ul, Alt{\i}nta\c{s}) to UTF-8.
std::string decode_tex_accents(std::string_view text);

}  // namespace arxiv_digest
