#include "arxiv_digest/arxiv_urls.hpp"

#include <array>
#include <cstdio>

#include "arxiv_digest/oai_pmh.hpp"

namespace arxiv_digest {
namespace {

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Percent-encodes every byte that is not unreserved and not in `keep`; a space becomes '+'
// when `space_as_plus` (application/x-www-form-urlencoded, which arXiv's query parser reads).
std::string encode(std::string_view text, std::string_view keep, bool space_as_plus) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (is_unreserved(c) || keep.find(c) != std::string_view::npos) {
      out += c;
    } else if (c == ' ' && space_as_plus) {
      out += '+';
    } else {
      std::array<char, 4> hex{};
      std::snprintf(hex.data(), hex.size(), "%%%02X", static_cast<unsigned char>(c));
      out += hex.data();
    }
  }
  return out;
}

std::string join_categories(const std::vector<std::string>& categories) {
  std::string out;
  for (const auto& category : categories) {
    if (!out.empty()) {
      out += '+';
    }
    out += encode(category, "", false);
  }
  return out;
}

// "cat:cs.AI OR cat:cs.CL", parenthesized when there is more than one, before form encoding.
std::string category_query(const std::vector<std::string>& categories) {
  std::string out;
  for (const auto& category : categories) {
    if (!out.empty()) {
      out += " OR ";
    }
    out += "cat:" + category;
  }
  return categories.size() > 1 ? "(" + out + ")" : out;
}

std::string compact_date(std::string_view iso_date) {
  std::string out;
  for (const char c : iso_date) {
    if (c != '-') {
      out += c;
    }
  }
  return out;
}

std::string search_url(const ArxivHosts& hosts, const std::string& query,
                       std::string_view sort_order, long long start, int max_results) {
  return hosts.api + "/api/query?search_query=" + encode(query, ":", true) +
         "&sortBy=submittedDate&sortOrder=" + std::string(sort_order) +
         "&start=" + std::to_string(start) + "&max_results=" + std::to_string(max_results);
}

}  // namespace

ArxivHosts arxiv_hosts(std::string_view base_url) {
  if (base_url.empty()) {
    return {};
  }
  while (!base_url.empty() && base_url.back() == '/') {
    base_url.remove_suffix(1);
  }
  const std::string host(base_url);
  return ArxivHosts{host, host, host};
}

std::string feed_url(FeedKind kind, const std::vector<std::string>& categories,
                     const ArxivHosts& hosts) {
  switch (kind) {
    case FeedKind::rss:
      return hosts.rss + "/rss/" + join_categories(categories);
    case FeedKind::atom:
      return hosts.rss + "/atom/" + join_categories(categories);
    case FeedKind::api:
      return search_url(hosts, category_query(categories), "descending", 0, kMaxApiResults);
  }
  return {};
}

std::string api_search_url(const std::vector<std::string>& categories, std::string_view since,
                           std::string_view until, long long start, int max_results,
                           const ArxivHosts& hosts) {
  std::string query = category_query(categories);
  if (categories.size() > 0) {
    query += " AND ";
  }
  query += "submittedDate:[" + compact_date(since) + "0000 TO " + compact_date(until) + "2359]";
  return search_url(hosts, query, "ascending", start, max_results);
}

std::string api_id_list_url(const std::vector<std::string>& ids, const ArxivHosts& hosts) {
  std::string list;
  for (const auto& id : ids) {
    if (!list.empty()) {
      list += ',';
    }
    list += encode(id, "/", false);
  }
  return hosts.api + "/api/query?id_list=" + list +
         "&start=0&max_results=" + std::to_string(ids.size());
}

std::string pdf_url(std::string_view versioned_id, const ArxivHosts& hosts) {
  return hosts.pdf + "/pdf/" + std::string(versioned_id);
}

namespace {

std::string oai_base(std::string_view base_url) {
  while (!base_url.empty() && base_url.back() == '/') {
    base_url.remove_suffix(1);
  }
  return std::string(base_url) + "?verb=ListRecords";
}

}  // namespace

std::string oai_list_records_url(std::string_view base_url, std::string_view set,
                                 std::string_view from) {
  std::string url = oai_base(base_url) + "&metadataPrefix=" + encode(kOaiMetadataPrefix, "", false);
  url += "&from=" + encode(from, "", false);
  if (!set.empty()) {
    url += "&set=" + encode(set, "", false);
  }
  return url;
}

std::string oai_resume_url(std::string_view base_url, std::string_view token) {
  return oai_base(base_url) + "&resumptionToken=" + encode(token, "", false);
}

}  // namespace arxiv_digest
