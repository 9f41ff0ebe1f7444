#include "core/feeds/xml_support.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

// Line and column (1-based) of a byte offset, for humans; the byte offset stays the reference.
std::pair<long long, long long> line_and_column(std::string_view xml, std::size_t offset) {
  offset = std::min(offset, xml.size());
  const std::string_view before = xml.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto last_newline = before.rfind('\n');
  const auto column = static_cast<long long>(
      last_newline == std::string_view::npos ? offset + 1 : offset - last_newline);
  return {static_cast<long long>(line), column};
}

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

bool starts_like_html(std::string_view body) {
  return iequals_prefix(body, "<!doctype html") || iequals_prefix(body, "<html");
}

// The text of the first <tag> element, or "".
std::string html_element_text(std::string_view body, std::string_view tag) {
  const auto open = ifind(body, "<" + std::string(tag));
  if (open == std::string_view::npos) {
    return "";
  }
  const auto start = body.find('>', open);
  const auto close =
      start == std::string_view::npos ? start : ifind(body, "</" + std::string(tag), start);
  if (close == std::string_view::npos) {
    return "";
  }
  return collapse_whitespace(body.substr(start + 1, close - start - 1));
}

// The <title> of an HTML page, else its first <h1> (arXiv's 503 page has only that: "Retry after
// 10 seconds"), whitespace collapsed and shortened, or "".
std::string html_title(std::string_view body) {
  std::string title = html_element_text(body, "title");
  if (title.empty()) {
    title = html_element_text(body, "h1");
  }
  if (title.size() > kMaxQuotedTitle) {
    std::size_t cut = kMaxQuotedTitle;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0U) == 0x80U) {
      --cut;  // never cut inside a UTF-8 sequence
    }
    title = title.substr(0, cut) + "...";
  }
  return title;
}

Error html_page_error(std::string_view body, std::string_view source_name,
                      std::string_view expected) {
  std::string message =
      std::string(source_name) + ": this is an HTML page, not " + std::string(expected);
  if (const std::string title = html_title(body); !title.empty()) {
    message += " (title: \"" + title + "\")";
  }
  message +=
      "; arXiv or a proxy answered with a web page (an error, maintenance or 503 \"Retry after\" "
      "page?)";
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

}  // namespace

std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool has_local_name(const pugi::xml_node& node, std::string_view name) {
  return node.type() == pugi::node_element && local_name(node) == name;
}

pugi::xml_node child_by_local_name(const pugi::xml_node& parent, std::string_view name) {
  for (const pugi::xml_node& child : parent.children()) {
    if (has_local_name(child, name)) {
      return child;
    }
  }
  return {};
}

std::string_view text_view(const pugi::xml_node& node, TextStorage& storage) {
  const pugi::xml_node first = node.first_child();
  if (!first) {
    return {};
  }
  if (!first.next_sibling() &&
      (first.type() == pugi::node_pcdata || first.type() == pugi::node_cdata)) {
    return first.value();
  }
  std::string& text = storage.emplace_front();
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
    }
  }
  return text;
}

std::string text_of(const pugi::xml_node& node) {
  TextStorage storage;
  return std::string(text_view(node, storage));
}

Result<void> load_xml(pugi::xml_document& doc, std::string_view xml, std::string_view source_name) {
  // parse_doctype keeps <!DOCTYPE html> visible so an HTML page can be told apart from a feed.
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype);
  if (parsed) {
    return {};
  }
  const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0));
  const auto [line, column] = line_and_column(xml, offset);
  std::string message = std::string(source_name) + ": byte " + std::to_string(offset) + ": " +
                        parsed.description() + " (line " + std::to_string(line) + ", column " +
                        std::to_string(column) + ")";
  // pugixml points at the start of the token it could not finish; when nothing after it closes
  // a tag, the document simply stops there.
  if (xml.find('>', offset) == std::string_view::npos) {
    message += "; the document ends before its elements are closed (truncated download?)";
  }
  return Error{ErrorCode::malformed_input, std::move(message)};
}

std::string_view content_start(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);
  }
  return trim(body);
}

Result<void> load_xml_document(pugi::xml_document& doc, std::string_view body,
                               std::string_view source_name, std::string_view expected) {
  const std::string_view content = content_start(body);
  if (starts_like_html(content)) {
    return html_page_error(content, source_name, expected);
  }
  if (auto loaded = load_xml(doc, body, source_name); !loaded) {
    // An HTML page after an XML declaration, or with markup XML cannot read.
    if (ifind(content.substr(0, kHtmlSniffBytes), "<html") != std::string_view::npos) {
      return html_page_error(content, source_name, expected);
    }
    return loaded;
  }
  if (local_name(doc.document_element()) == "html" || has_html_doctype(doc)) {
    return html_page_error(content, source_name, expected);
  }
  return {};
}

}  // namespace arxiv_digest
