// parse_feed: tells what arXiv (or something in between) sent, then hands the document to the
// parser for its kind. Bodies that are not feeds at all are caught before pugixml sees them, so
// the user reads "an HTML page" or "arXiv throttled the request" instead of an XML error.

#include <algorithm>
#include <cctype>
#include <pugixml.hpp>

#include "arxiv_digest/feed.hpp"
#include "core/feeds/atom_parser.hpp"
#include "core/feeds/rss_parser.hpp"
#include "core/feeds/xml_support.hpp"
#include "core/util/enum_text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::size_t kHtmlSniffBytes = 1024;
constexpr std::size_t kMaxQuotedTitle = 120;

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

std::size_t ifind(std::string_view text, std::string_view needle, std::size_t from = 0) {
  for (std::size_t i = from; i + needle.size() <= text.size(); ++i) {
    if (iequals_prefix(text.substr(i), needle)) {
      return i;
    }
  }
  return std::string_view::npos;
}

// The body without a UTF-8 byte order mark and leading whitespace.
std::string_view content_start(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);
  }
  return trim(body);
}

bool starts_like_html(std::string_view body) {
  return iequals_prefix(body, "<!doctype html") || iequals_prefix(body, "<html");
}

// The <title> of an HTML page, whitespace collapsed and shortened, or "".
std::string html_title(std::string_view body) {
  const auto open = ifind(body, "<title");
  if (open == std::string_view::npos) {
    return "";
  }
  const auto start = body.find('>', open);
  const auto close = start == std::string_view::npos ? start : ifind(body, "</title", start);
  if (close == std::string_view::npos) {
    return "";
  }
  std::string title = collapse_whitespace(body.substr(start + 1, close - start - 1));
  if (title.size() > kMaxQuotedTitle) {
    std::size_t cut = kMaxQuotedTitle;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0U) == 0x80U) {
      --cut;  // never cut inside a UTF-8 sequence
    }
    title = title.substr(0, cut) + "...";
  }
  return title;
}

Error html_page_error(std::string_view body, std::string_view source_name) {
  std::string message = std::string(source_name) + ": this is an HTML page, not a feed";
  if (const std::string title = html_title(body); !title.empty()) {
    message += " (title: \"" + title + "\")";
  }
  message += "; arXiv or a proxy answered with a web page (an error or maintenance page?)";
  return Error{ErrorCode::malformed_input, std::move(message)};
}

bool has_html_doctype(const pugi::xml_document& doc) {
  for (const pugi::xml_node& node : doc.children()) {
    if (node.type() == pugi::node_doctype && iequals_prefix(trim(node.value()), "html")) {
      return true;
    }
  }
  return false;
}

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
  if (starts_like_html(body)) {
    return html_page_error(body, source_name);
  }
  pugi::xml_document doc;
  if (auto loaded = load_xml(doc, xml, source_name); !loaded) {
    // An HTML page after an XML declaration, or with markup XML cannot read.
    if (ifind(body.substr(0, kHtmlSniffBytes), "<html") != std::string_view::npos) {
      return html_page_error(body, source_name);
    }
    return loaded.error();
  }
  const pugi::xml_node root = doc.document_element();
  const std::string_view name = local_name(root);
  if (name == "html" || has_html_doctype(doc)) {
    return html_page_error(body, source_name);
  }
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
