#pragma once
// Atom documents from arXiv: the announcement feed (rss.arxiv.org/atom/CATS, the same content
// as the RSS feed) and API responses (export.arxiv.org/api/query, current and 2016 layouts).
// Both read <entry> children the same way; elements match by local name, because the 2016 API
// declares namespaces inline and prefixes are not fixed.

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "arxiv_digest/feed.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// True for an API response: the <feed> has an opensearch:totalResults child.
bool is_api_response(const pugi::xml_node& feed);

// The announcement feed. Errors: feed_error for a "Feed error for query" feed.
Result<Feed> parse_atom_feed(const pugi::xml_node& feed, std::string_view source_name);

// An API response. Errors: feed_error when the entry is arXiv's "Error" entry (its id contains
// /api/errors), malformed_input when opensearch:totalResults is not a number.
Result<Feed> parse_api_response(const pugi::xml_node& feed, std::string_view source_name);

// An API <summary>: trimmed, hard wraps (a newline followed directly by text, as in the 2016
// layout) joined with one space; a newline followed by indentation is a paragraph break, kept
// as written (the RSS feed writes paragraph breaks the same way).
std::string unwrap_summary(std::string_view summary);

}  // namespace arxiv_digest
