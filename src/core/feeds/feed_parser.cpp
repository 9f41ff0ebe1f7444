// parse_feed: tells what arXiv (or something in between) sent, then hands the document to the
// parser for its kind. Bodies that are not feeds at all are caught before pugixml sees them, so
// the user reads "an HTML page" or "arXiv throttled the request" instead of an XML error.

#include <pugixml.hpp>

#include "arxiv_digest/feed.hpp"
#include "core/feeds/atom_parser.hpp"
#include "core/feeds/rss_parser.hpp"
#include "core/feeds/xml_support.hpp"
#include "core/util/enum_text.hpp"

namespace arxiv_digest {
namespace {

// RSS 1.0 (RDF), served by export.arxiv.org/rss until 2024. Its channel title names the
// categories, so the message can give the exact replacement URL.
Error rdf_error(const pugi::xml_node& root, std::string_view source_name) {
  const pugi::xml_node channel = child_by_local_name(root, "channel");
  const auto categories = categories_from_title(text_of(child_by_local_name(channel, "title")));
  std::string joined;
  for (const auto& category : categories) {
    joined += (joined.empty() ? "" : "+") + category;
  }
  return Error{ErrorCode::unsupported_format,
               std::string(source_name) +
                   ": legacy RSS 1.0/RDF feed (export.arxiv.org/rss) is not supported; use "
                   "https://rss.arxiv.org/rss/" +
                   (joined.empty() ? "CATEGORIES" : joined)};
}

}  // namespace

std::string_view to_string(FeedKind kind) {
  switch (kind) {
    case FeedKind::rss:
      return "rss";
    case FeedKind::atom:
      return "atom";
    case FeedKind::api:
      return "api";
  }
  return "unknown";
}

std::optional<FeedKind> parse_feed_kind(std::string_view text) {
  return enum_from_text(text, kFeedKinds);
}

Result<Feed> parse_feed(std::string_view xml, std::string_view source_name) {
  const std::string_view body = content_start(xml);
  const std::string source(source_name);
  if (body.empty()) {
    return Error{ErrorCode::malformed_input,
                 source + ": empty body (" + std::to_string(xml.size()) +
                     " bytes, no XML); expected an arXiv RSS, Atom or API feed"};
  }
  if (is_rate_exceeded_body(body)) {
    return Error{ErrorCode::malformed_input,
                 source + ": arXiv throttled the request (it answered \"" +
                     collapse_whitespace(body.substr(0, 80)) +
                     "\" instead of a feed); wait and retry, at most one request every 3 seconds"};
  }
  pugi::xml_document doc;
  if (auto loaded = load_xml_document(doc, xml, source_name, "a feed"); !loaded) {
    return loaded.error();
  }
  const pugi::xml_node root = doc.document_element();
  const std::string_view name = local_name(root);
  if (name == "rss") {
    const std::string_view version = root.attribute("version").value();
    if (!version.empty() && version != "2.0") {
      return Error{ErrorCode::unsupported_format,
                   source + ": RSS version " + std::string(version) +
                       " is not supported; expected RSS 2.0 from https://rss.arxiv.org/rss/"};
    }
    return parse_rss(root, source_name);
  }
  if (name == "feed") {
    return is_api_response(root) ? parse_api_response(root, source_name)
                                 : parse_atom_feed(root, source_name);
  }
  if (name == "RDF") {
    return rdf_error(root, source_name);
  }
  return Error{ErrorCode::malformed_input,
               source + ": not an arXiv feed: the root element is <" + std::string(root.name()) +
                   ">, expected <rss version=\"2.0\">, an Atom <feed> or an API response"};
}

}  // namespace arxiv_digest
