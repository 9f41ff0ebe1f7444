// parse_oai_page: an OAI-PMH response (ListRecords or GetRecord) into records, in the arXivRaw
// format `backfill` asks for or the `arXiv` format most captures hold. Papers are built the way
// the feed parsers build them, so a harvested paper looks like one read from the RSS feed.

#include <charconv>
#include <optional>
#include <pugixml.hpp>
#include <variant>

#include "arxiv_digest/oai_pmh.hpp"
#include "core/feeds/atom_parser.hpp"
#include "core/feeds/rss_parser.hpp"
#include "core/feeds/xml_support.hpp"
#include "core/util/date.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::string_view kOaiIdPrefix = "oai:arXiv.org:";

std::string oai_where(std::size_t number, std::string_view identifier) {
  std::string text = "record " + std::to_string(number);
  if (!identifier.empty()) {
    text += " (" + std::string(identifier) + ")";
  }
  return text;
}

std::string oai_child_text(const pugi::xml_node& parent, std::string_view name) {
  return text_of(child_by_local_name(parent, name));
}

std::string oai_trimmed_child(const pugi::xml_node& parent, std::string_view name) {
  return std::string(trim(oai_child_text(parent, name)));
}

std::vector<std::string> oai_split_categories(std::string_view text) {
  std::vector<std::string> categories;
  while (!(text = trim(text)).empty()) {
    std::size_t end = 0;
    while (end < text.size() && !is_blank(text[end])) {
      ++end;
    }
    categories.emplace_back(text.substr(0, end));
    text.remove_prefix(end);
  }
  return categories;
}

// "Tue, 3 Apr 2007 22:04:11 GMT": arXivRaw writes a one-digit day, which the HTTP-date reader
// (IMF-fixdate, always two digits) would reject, so the day is padded first.
std::optional<std::chrono::sys_seconds> oai_version_time(std::string_view text) {
  std::string padded(trim(text));
  if (const auto comma = padded.find(", ");
      comma != std::string::npos && comma + 3 < padded.size() && padded[comma + 3] == ' ') {
    padded.insert(comma + 2, "0");
  }
  // The reference time only matters for two-digit years, which arXivRaw never writes.
  const auto time = parse_http_date(padded, std::chrono::system_clock::time_point{});
  // A year before 1000 (which HTTP-dates can write) has no YYYY-MM-DD to file the paper under.
  if (!time || !iso_date(std::chrono::floor<std::chrono::days>(*time))) {
    return std::nullopt;
  }
  return *time;
}

// "v3" → 3.
std::optional<int> oai_version_number(std::string_view text) {
  text = trim(text);
  int number = 0;
  if (text.size() < 2 || text.front() != 'v') {
    return std::nullopt;
  }
  const auto [end, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size() || number <= 0) {
    return std::nullopt;
  }
  return number;
}

// The fields arXivRaw and arXiv share, named alike in both.
void oai_read_common(const pugi::xml_node& metadata, Paper& paper) {
  paper.title = collapse_whitespace(oai_child_text(metadata, "title"));
  paper.abstract = unwrap_summary(oai_child_text(metadata, "abstract"));
  paper.categories = oai_split_categories(oai_child_text(metadata, "categories"));
  paper.primary_category = paper.categories.empty() ? "" : paper.categories.front();
  paper.license = oai_trimmed_child(metadata, "license");
  paper.doi = collapse_whitespace(oai_child_text(metadata, "doi"));
  paper.journal_ref = collapse_whitespace(oai_child_text(metadata, "journal-ref"));
  paper.comment = collapse_whitespace(oai_child_text(metadata, "comments"));
}

void oai_set_links(Paper& paper) {
  paper.link = abs_link(paper.id);
  paper.pdf_link = pdf_link(paper.id, paper.version);
}

using OaiRead = std::variant<OaiRecord, std::string>;  // the record, or why it was skipped

// arXivRaw: every <version version="vN"><date>...</date></version>, v1 first.
OaiRead oai_read_raw(const pugi::xml_node& raw, OaiRecord record) {
  for (const pugi::xml_node& version : raw.children()) {
    if (!has_local_name(version, "version")) {
      continue;
    }
    const std::string label = version.attribute("version").value();
    const auto number = oai_version_number(label);
    const std::string date = oai_trimmed_child(version, "date");
    const auto time = oai_version_time(date);
    if (!number || !time) {
      return "its <version version=\"" + label + "\"> has the date \"" + date +
             "\", expected \"vN\" and a date like \"Tue, 3 Apr 2007 22:04:11 GMT\"";
    }
    record.paper.version = *number;
    record.submitted.push_back(*time);
  }
  if (record.submitted.empty()) {
    return std::string("its arXivRaw metadata has no <version> element");
  }
  record.paper.authors = split_authors(oai_child_text(raw, "authors"));
  // Not utc_date: the time would pass through system_clock's nanoseconds, which end in 2262.
  record.paper.updated =
      iso_date(std::chrono::floor<std::chrono::days>(record.submitted.back())).value_or("");
  return record;
}

// "forenames keyname suffix": "Edésio M. Barboza Jr.", or "ATLAS Collaboration" alone.
std::string oai_author_name(const pugi::xml_node& author) {
  std::string name;
  for (const std::string_view part : {"forenames", "keyname", "suffix"}) {
    const std::string text = collapse_whitespace(oai_child_text(author, part));
    if (!text.empty()) {
      name += (name.empty() ? "" : " ") + text;
    }
  }
  return name.find('\\') == std::string::npos ? name : decode_tex_accents(name);
}

std::optional<std::chrono::sys_seconds> oai_iso_day(std::string_view date) {
  if (!is_iso_date(date)) {
    return std::nullopt;
  }
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  std::from_chars(date.data(), date.data() + 4, year);
  std::from_chars(date.data() + 5, date.data() + 7, month);
  std::from_chars(date.data() + 8, date.data() + 10, day);
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                        std::chrono::day{day}};
  return std::chrono::sys_seconds{std::chrono::sys_days{ymd}};
}

// The `arXiv` format: only the dates of v1 (`created`) and of the latest version (`updated`),
// and no version number, so the paper is taken as v1 submitted at 00:00 UTC of `created`.
OaiRead oai_read_arxiv(const pugi::xml_node& arxiv, OaiRecord record) {
  const std::string created = oai_trimmed_child(arxiv, "created");
  const auto time = oai_iso_day(created);
  if (!time) {
    return "its <created> date is \"" + created + "\", expected YYYY-MM-DD";
  }
  record.submitted.push_back(*time);
  record.paper.version = 1;
  for (const pugi::xml_node& author : child_by_local_name(arxiv, "authors").children()) {
    if (has_local_name(author, "author")) {
      if (std::string name = oai_author_name(author); !name.empty()) {
        record.paper.authors.push_back(std::move(name));
      }
    }
  }
  const std::string updated = oai_trimmed_child(arxiv, "updated");
  record.paper.updated = is_iso_date(updated) ? updated : created;
  return record;
}

OaiRead oai_read_metadata(const pugi::xml_node& metadata, OaiRecord record) {
  const pugi::xml_node format = metadata.find_child(
      [](const pugi::xml_node& node) { return node.type() == pugi::node_element; });
  if (!format) {
    return std::string("its <metadata> element is empty");
  }
  if (!has_local_name(format, "arXivRaw") && !has_local_name(format, "arXiv")) {
    return "its metadata is <" + std::string(format.name()) + ">, expected arXivRaw or arXiv";
  }
  oai_read_common(format, record.paper);
  if (record.paper.title.empty()) {
    return std::string("it has no title");
  }
  if (const std::string id = oai_trimmed_child(format, "id"); !id.empty()) {
    record.paper.id = id;
  }
  OaiRead read = has_local_name(format, "arXivRaw") ? oai_read_raw(format, std::move(record))
                                                    : oai_read_arxiv(format, std::move(record));
  if (auto* done = std::get_if<OaiRecord>(&read)) {
    oai_set_links(done->paper);
  }
  return read;
}

// One <record>: the header, then (unless deleted) the metadata.
OaiRead oai_read_record(const pugi::xml_node& node, std::string_view identifier) {
  const pugi::xml_node header = child_by_local_name(node, "header");
  if (identifier.empty()) {
    return std::string("its <header> has no <identifier>");
  }
  if (!identifier.starts_with(kOaiIdPrefix) || identifier.size() == kOaiIdPrefix.size()) {
    return "its header has the identifier \"" + std::string(identifier) +
           "\", expected \"oai:arXiv.org:<id>\"";
  }
  OaiRecord record;
  record.id = identifier.substr(kOaiIdPrefix.size());
  record.datestamp = oai_trimmed_child(header, "datestamp");
  record.deleted = trim(header.attribute("status").value()) == "deleted";
  if (record.deleted) {
    return record;
  }
  const pugi::xml_node metadata = child_by_local_name(node, "metadata");
  if (!metadata) {
    return std::string("it has no <metadata> and is not marked deleted");
  }
  record.paper.id = record.id;
  return oai_read_metadata(metadata, std::move(record));
}

void oai_add_record(OaiPage& page, const pugi::xml_node& node) {
  const std::size_t number = page.records.size() + page.skipped.size() + 1;
  const std::string identifier =
      oai_trimmed_child(child_by_local_name(node, "header"), "identifier");
  OaiRead read = oai_read_record(node, identifier);
  if (auto* record = std::get_if<OaiRecord>(&read)) {
    page.records.push_back(std::move(*record));
  } else {
    page.skipped.push_back(SkippedItem{oai_where(number, identifier), std::get<std::string>(read)});
  }
}

// The verb's element (<ListRecords>, <GetRecord>, <ListIdentifiers>...): its records and token.
void oai_read_verb(OaiPage& page, const pugi::xml_node& verb) {
  for (const pugi::xml_node& child : verb.children()) {
    if (has_local_name(child, "record")) {
      oai_add_record(page, child);
    } else if (has_local_name(child, "resumptionToken")) {
      page.resumption_token = std::string(trim(text_of(child)));
    }
  }
}

Result<pugi::xml_node> oai_root(const pugi::xml_document& doc, std::string_view source_name) {
  const pugi::xml_node root = doc.document_element();
  if (!has_local_name(root, "OAI-PMH")) {
    return Error{ErrorCode::malformed_input,
                 std::string(source_name) + ": not an OAI-PMH response: the root element is <" +
                     root.name() + ">, expected <OAI-PMH>"};
  }
  return root;
}

}  // namespace

Result<OaiPage> parse_oai_page(std::string_view xml, std::string_view source_name) {
  if (trim(xml).empty()) {
    return Error{ErrorCode::malformed_input, std::string(source_name) + ": empty body (" +
                                                 std::to_string(xml.size()) +
                                                 " bytes), expected an OAI-PMH response"};
  }
  pugi::xml_document doc;
  if (auto loaded = load_xml_document(doc, xml, source_name, "an OAI-PMH response"); !loaded) {
    return loaded.error();
  }
  const auto root = oai_root(doc, source_name);
  if (!root) {
    return root.error();
  }
  OaiPage page;
  page.response_date = oai_trimmed_child(*root, "responseDate");
  if (const pugi::xml_node error = child_by_local_name(*root, "error")) {
    page.error = OaiError{std::string(trim(error.attribute("code").value())),
                          collapse_whitespace(text_of(error))};
    return page;
  }
  for (const pugi::xml_node& child : root->children()) {
    if (child.type() == pugi::node_element && !has_local_name(child, "responseDate") &&
        !has_local_name(child, "request")) {
      oai_read_verb(page, child);
    }
  }
  return page;
}

}  // namespace arxiv_digest
