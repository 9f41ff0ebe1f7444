#pragma once
// The URLs arXiv is fetched from: the RSS/Atom announcement feeds and the export API (search by
// category and submission date, or by id). Pure string building; sending is app's job.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/feed.hpp"

namespace arxiv_digest {

// Scheme and host (no trailing slash) of the feed server and of the API server.
struct ArxivHosts {
  std::string rss = "https://rss.arxiv.org";
  std::string api = "https://export.arxiv.org";
  std::string pdf = "https://arxiv.org";
  bool operator==(const ArxivHosts&) const = default;
};

// "" → arXiv's own hosts. Otherwise `base_url` (config `source.base_url`, e.g. a loopback test
// server or a mirror, optionally with a path prefix) with trailing slashes trimmed replaces all
// three.
ArxivHosts arxiv_hosts(std::string_view base_url);

// One request for all categories, in the order given:
//   rss  → HOSTS.rss/rss/cs.AI+cs.CL
//   atom → HOSTS.rss/atom/cs.AI+cs.CL
//   api  → api_search_url without a date range, newest first: the latest kMaxApiResults
//          submissions in the categories (a "today" view; backfill uses api_search_url).
// Characters outside [A-Za-z0-9._~-] in a category are percent-encoded.
std::string feed_url(FeedKind kind, const std::vector<std::string>& categories,
                     const ArxivHosts& hosts);

// arXiv returns at most this many results per API call; page with `start`.
inline constexpr int kMaxApiResults = 2000;
// A sensible number of ids per id_list request (keeps the URL a few KB long).
inline constexpr std::size_t kMaxIdsPerRequest = 200;

// One page of an API search over the categories (OR-ed) submitted between `since` 00:00 and
// `until` 23:59 (both "YYYY-MM-DD", UTC, inclusive), oldest first:
//   HOSTS.api/api/query?search_query=%28cat:cs.AI+OR+cat:cs.CL%29+AND+submittedDate:
//   %5B202602010000+TO+202602122359%5D&sortBy=submittedDate&sortOrder=ascending
//   &start=0&max_results=2000
// The query is form-encoded: spaces as '+', parentheses and brackets percent-encoded (arXiv's
// manual asks for %28/%29; brackets are not allowed raw in a URL query), ':' and '.' kept.
// Precondition: since and until satisfy is_iso_date (validate CLI input first).
std::string api_search_url(const std::vector<std::string>& categories, std::string_view since,
                           std::string_view until, long long start, int max_results,
                           const ArxivHosts& hosts);

// One API request for the given ids (with or without a version; old-style "hep-th/9901001" too):
//   HOSTS.api/api/query?id_list=2602.10965,2602.10966v2&start=0&max_results=2
// The caller batches: at most kMaxIdsPerRequest ids per call.
std::string api_id_list_url(const std::vector<std::string>& ids, const ArxivHosts& hosts);

// A paper's PDF: HOSTS.pdf/pdf/2602.10965v1 (`versioned_id` as arXiv writes it, "hep-th/9901001v2"
// for old-style ids).
std::string pdf_url(std::string_view versioned_id, const ArxivHosts& hosts);

// OAI-PMH ListRecords (config `source.oai_base_url`, trailing slashes trimmed), arXivRaw records:
//   first page  BASE?verb=ListRecords&metadataPrefix=arXivRaw&from=2026-01-05[&set=cs]
//   next pages  BASE?verb=ListRecords&resumptionToken=TOKEN
// Values are percent-encoded (a token is opaque: arXiv's carries '%', '&' and '=' of its own).
// No `until`: a datestamp is a record's last change, so a paper announced in a range but revised
// after it would fall outside an `until`; `set` is left out when empty (every set).
std::string oai_list_records_url(std::string_view base_url, std::string_view set,
                                 std::string_view from);
std::string oai_resume_url(std::string_view base_url, std::string_view token);

}  // namespace arxiv_digest
