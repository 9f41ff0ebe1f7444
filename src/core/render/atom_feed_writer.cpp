#include <algorithm>
#include <pugixml.hpp>

#include "arxiv_digest/atom_feed.hpp"
#include "core/util/date.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence starting at text[i] and its code point; 0 when invalid.
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& code_point) {
  const auto c = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  char32_t min = 0;
  if (c < 0x80) {
    code_point = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    length = 2, code_point = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    length = 3, code_point = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    length = 4, code_point = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) {
      return 0;
    }
    code_point = (code_point << 6) | (next & 0x3F);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < min || code_point > 0x10FFFF || surrogate) {
    return 0;
  }
  return length;
}

std::string timestamp_of(const Paper& paper) {
  const std::string& date = is_iso_date(paper.updated) ? paper.updated : paper.published;
  return is_iso_date(date) ? date + "T00:00:00Z" : std::string("1970-01-01T00:00:00Z");
}

void add_text(pugi::xml_node parent, const char* name, std::string_view text) {
  parent.append_child(name).append_child(pugi::node_pcdata).set_value(xml_safe_text(text).c_str());
}

std::string summary_of(const ArchiveRecord& record) {
  if (record.summary && !trim(record.summary->text).empty()) {
    return std::string(trim(record.summary->text));
  }
  return std::string(trim(record.paper.abstract));
}

void add_entry(pugi::xml_node feed, const ArchiveRecord& record) {
  const Paper& paper = record.paper;
  pugi::xml_node entry = feed.append_child("entry");
  add_text(entry, "id", paper.link);
  add_text(entry, "title", paper.title);
  pugi::xml_node link = entry.append_child("link");
  link.append_attribute("rel") = "alternate";
  link.append_attribute("type") = "text/html";
  link.append_attribute("href") = xml_safe_text(paper.link).c_str();
  for (const auto& author : paper.authors) {
    add_text(entry.append_child("author"), "name", author);
  }
  add_text(entry, "updated", timestamp_of(paper));
  if (is_iso_date(paper.published)) {
    add_text(entry, "published", paper.published + "T00:00:00Z");
  }
  pugi::xml_node summary = entry.append_child("summary");
  summary.append_attribute("type") = "text";
  summary.append_child(pugi::node_pcdata).set_value(xml_safe_text(summary_of(record)).c_str());
  for (const auto& category : paper.categories) {
    entry.append_child("category").append_attribute("term") = xml_safe_text(category).c_str();
  }
}

// Writes into a std::string (pugixml's own writer interface; no stream needed).
struct StringWriter final : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

}  // namespace

std::string xml_safe_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t code_point = 0;
    const std::size_t length = utf8_sequence(text, i, code_point);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const bool control =
        code_point < 0x20 && code_point != '\t' && code_point != '\n' && code_point != '\r';
    if (code_point == 0xFFFE || code_point == 0xFFFF) {
      out += kReplacement;
    } else if (!control && code_point != 0x7F) {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string write_atom_feed(const std::vector<ArchiveRecord>& records,
                            const AtomFeedOptions& options) {
  pugi::xml_document doc;
  pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "utf-8";
  pugi::xml_node feed = doc.append_child("feed");
  feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
  add_text(feed, "id", options.id);
  add_text(feed, "title", options.title);
  add_text(feed, "updated", options.updated);
  if (!options.self_link.empty()) {
    pugi::xml_node self = feed.append_child("link");
    self.append_attribute("rel") = "self";
    self.append_attribute("href") = xml_safe_text(options.self_link).c_str();
  }
  // A feed-level author covers entries without one (RFC 4287 4.1.1 requires an author).
  add_text(feed.append_child("author"), "name", "arxiv-digest");
  pugi::xml_node generator = feed.append_child("generator");
  generator.append_child(pugi::node_pcdata).set_value("arxiv-digest");
  if (!options.generator_version.empty()) {
    generator.append_attribute("version") = xml_safe_text(options.generator_version).c_str();
  }

  for (const ArchiveRecord* record : ranked_records(records)) {
    add_entry(feed, *record);
  }

  StringWriter writer;
  doc.save(writer, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(writer.out);
}

}  // namespace arxiv_digest
