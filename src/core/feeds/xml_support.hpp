#pragma once
// pugixml helpers shared by the feed parsers: element matching by local name (namespace prefixes
// vary between arXiv's formats and years), text extraction, whitespace normalization, and the
// error message for a document that is not well-formed.
// Views returned here point into the pugi::xml_document; they live as long as the document.

#include <forward_list>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "arxiv_digest/result.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {

// "arxiv:primary_category" → "primary_category"; "title" → "title".
std::string_view local_name(const pugi::xml_node& node);

// True when the element's name without its prefix is `name` (so "opensearch:totalResults",
// "os:totalResults" and "totalResults" all match "totalResults").
bool has_local_name(const pugi::xml_node& node, std::string_view name);

// First child element with that local name; an empty node when there is none.
pugi::xml_node child_by_local_name(const pugi::xml_node& parent, std::string_view name);

// Text joined from several nodes (CDATA next to plain text); views handed out stay valid while
// the storage lives (a forward_list never moves its strings, and costs nothing until used).
using TextStorage = std::forward_list<std::string>;

// The element's text: its text and CDATA children joined (child elements are skipped). pugixml
// has already decoded the entities once; nothing here decodes them again. The usual single text
// node comes back as a view into the document, anything else is joined into `storage`.
std::string_view text_view(const pugi::xml_node& node, TextStorage& storage);

// The same, as an owned string.
std::string text_of(const pugi::xml_node& node);

// Parses `xml` into `doc` (one copy of the buffer, made by pugixml). On failure the error is
// malformed_input: "SOURCE: byte N: <pugixml's description> (line L, column C)".
Result<void> load_xml(pugi::xml_document& doc, std::string_view xml, std::string_view source_name);

// The body without a UTF-8 byte order mark and leading whitespace.
std::string_view content_start(std::string_view body);

// A web page where an XML document was expected (an error, maintenance or 503 "Retry after"
// page) is told apart from a broken document. Loads `body` into `doc` like load_xml; an HTML
// page (recognized before parsing, in the first KB when it does not parse, or by its root or
// doctype) is instead "SOURCE: this is an HTML page, not EXPECTED (title: "...")", quoting its
// <title>, else its first <h1>.
Result<void> load_xml_document(pugi::xml_document& doc, std::string_view body,
                               std::string_view source_name, std::string_view expected);

}  // namespace arxiv_digest
