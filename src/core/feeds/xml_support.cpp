#include "core/feeds/xml_support.hpp"

#include <algorithm>
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

}  // namespace arxiv_digest
