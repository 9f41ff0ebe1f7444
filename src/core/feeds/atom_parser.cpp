#include "core/feeds/atom_parser.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <variant>
#include <vector>

#include "core/feeds/rss_parser.hpp"
#include "core/feeds/xml_support.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest {
namespace {

// Everything either kind of entry may carry, read in one pass over its children. The
// announcement feed spells some elements like RSS (arxiv:DOI, arxiv:journal_reference), the API
// differently (arxiv:doi, arxiv:journal_ref); both spellings are read.
struct AtomEntry {
  std::string_view id;
  std::string_view title;
  std::string_view summary;
  std::string_view published;  // as written
  std::string_view updated;    // as written
  std::vector<std::string> categories;
  std::string_view primary_category;
  std::vector<std::string> authors;  // <author><name> (API)
  std::string_view creators;         // <dc:creator> (announcement feed)
  std::string_view pdf_link;
  std::string_view announce_type;
  std::string_view rights;
  std::string_view doi;
  std::string_view journal_ref;
  std::string_view comment;
  TextStorage storage;  // the views point into the document or here
};

struct AtomHeader {
  std::string title;
  std::string subtitle;
  std::string updated;
  std::string self_link;
  std::optional<std::string> total_results;
  std::string start_index;
  std::vector<pugi::xml_node> entries;
};

std::string_view attribute(const pugi::xml_node& node, const char* name) {
  return trim(node.attribute(name).value());
}

AtomEntry read_entry(const pugi::xml_node& entry) {
  AtomEntry out;
  for (const pugi::xml_node& child : entry.children()) {
    if (child.type() != pugi::node_element) {
      continue;
    }
    const std::string_view name = local_name(child);
    const auto text = [&] { return text_view(child, out.storage); };
    if (name == "id") {
      out.id = trim(text());
    } else if (name == "title") {
      out.title = text();
    } else if (name == "summary") {
      out.summary = text();
    } else if (name == "published") {
      out.published = trim(text());
    } else if (name == "updated") {
      out.updated = trim(text());
    } else if (name == "category") {
      if (const std::string_view term = attribute(child, "term"); !term.empty()) {
        out.categories.emplace_back(term);
      }
    } else if (name == "primary_category") {
      out.primary_category = attribute(child, "term");
    } else if (name == "author") {
      const pugi::xml_node author_name = child_by_local_name(child, "name");
      if (std::string author = collapse_whitespace(text_view(author_name, out.storage));
          !author.empty()) {
        out.authors.push_back(std::move(author));
      }
    } else if (name == "creator") {
      out.creators = text();
    } else if (name == "link") {
      if (std::string_view(child.attribute("title").value()) == "pdf") {
        out.pdf_link = attribute(child, "href");
      }
    } else if (name == "announce_type") {
      out.announce_type = trim(text());
    } else if (name == "rights") {
      out.rights = trim(text());
    } else if (name == "doi" || name == "DOI") {
      out.doi = trim(text());
    } else if (name == "journal_ref" || name == "journal_reference") {
      out.journal_ref = text();
    } else if (name == "comment") {
      out.comment = text();
    }
  }
  return out;
}

AtomHeader read_header(const pugi::xml_node& feed) {
  AtomHeader out;
  for (const pugi::xml_node& child : feed.children()) {
    if (child.type() != pugi::node_element) {
      continue;
    }
    const std::string_view name = local_name(child);
    if (name == "entry") {
      out.entries.push_back(child);
    } else if (name == "title") {
      out.title = collapse_whitespace(text_of(child));
    } else if (name == "subtitle") {
      out.subtitle = text_of(child);
    } else if (name == "updated") {
      out.updated = trim(text_of(child));
    } else if (name == "link" && std::string_view(child.attribute("rel").value()) == "self") {
      out.self_link = std::string(attribute(child, "href"));
    } else if (name == "totalResults") {
      out.total_results = std::string(trim(text_of(child)));
    } else if (name == "startIndex") {
      out.start_index = trim(text_of(child));
    }
  }
  return out;
}

std::optional<long long> to_number(std::string_view text) {
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

// "http://rss.arxiv.org/atom/cs.AI+cs.LG" → {"cs.AI", "cs.LG"}.
std::vector<std::string> categories_from_link(std::string_view link) {
  while (!link.empty() && link.back() == '/') {
    link.remove_suffix(1);
  }
  const auto slash = link.rfind('/');
  if (slash == std::string_view::npos ||
      link.substr(0, slash).find("/atom") == std::string_view::npos) {
    return {};
  }
  std::vector<std::string> categories;
  std::string_view rest = link.substr(slash + 1);
  while (!rest.empty()) {
    const auto plus = rest.find('+');
    if (const auto category = rest.substr(0, plus); !category.empty()) {
      categories.emplace_back(category);
    }
    rest = plus == std::string_view::npos ? std::string_view{} : rest.substr(plus + 1);
  }
  return categories;
}

std::string entry_where(std::size_t number, std::string_view id) {
  std::string text = "entry " + std::to_string(number);
  if (!id.empty()) {
    text += " (" + std::string(id) + ")";
  }
  return text;
}

std::variant<Paper, SkippedItem> api_entry_to_paper(AtomEntry&& entry, std::size_t number) {
  auto versioned = parse_versioned_id(entry.id);
  if (!versioned) {
    return SkippedItem{entry_where(number, entry.id),
                       "its <id> is not an arXiv abstract URL with a version "
                       "(\"http://arxiv.org/abs/<id>v<N>\")"};
  }
  Paper paper;
  paper.link = abs_link(versioned->id);
  paper.pdf_link =
      entry.pdf_link.empty() ? pdf_link(versioned->id, versioned->version) : entry.pdf_link;
  paper.id = std::move(versioned->id);
  paper.version = versioned->version;
  paper.title = collapse_whitespace(entry.title);
  paper.authors = std::move(entry.authors);
  paper.abstract = unwrap_summary(entry.summary);
  paper.categories = std::move(entry.categories);
  if (!entry.primary_category.empty()) {
    auto& categories = paper.categories;
    categories.erase(std::remove(categories.begin(), categories.end(), entry.primary_category),
                     categories.end());
    categories.emplace(categories.begin(), entry.primary_category);
  }
  paper.primary_category = paper.categories.empty() ? "" : paper.categories.front();
  paper.published = iso8601_date(entry.published).value_or("");
  paper.updated = iso8601_date(entry.updated).value_or("");
  paper.license = entry.rights;
  paper.doi = entry.doi;
  paper.journal_ref = collapse_whitespace(entry.journal_ref);
  paper.comment = collapse_whitespace(entry.comment);
  return paper;
}

template <typename Converted>
void add_converted(Feed& feed, Converted converted) {
  if (auto* paper = std::get_if<Paper>(&converted)) {
    feed.papers.push_back(std::move(*paper));
  } else {
    feed.skipped.push_back(std::get<SkippedItem>(std::move(converted)));
  }
}

}  // namespace

bool is_api_response(const pugi::xml_node& feed) {
  return static_cast<bool>(child_by_local_name(feed, "totalResults"));
}

std::string unwrap_summary(std::string_view summary) {
  summary = trim(summary);
  std::string out;
  out.reserve(summary.size());
  for (std::size_t i = 0; i < summary.size(); ++i) {
    const char c = summary[i];
    const bool hard_wrap = c == '\n' && i > 0 && summary[i - 1] != '\n' && i + 1 < summary.size() &&
                           summary[i + 1] != ' ' && summary[i + 1] != '\t' &&
                           summary[i + 1] != '\n';
    if (hard_wrap) {
      while (!out.empty() && out.back() == ' ') {
        out.pop_back();
      }
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

Result<Feed> parse_atom_feed(const pugi::xml_node& root, std::string_view source_name) {
  AtomHeader header = read_header(root);
  if (auto error = feed_error_channel(header.title, header.subtitle, source_name)) {
    return *std::move(error);
  }
  Feed feed;
  feed.kind = FeedKind::atom;
  feed.title = std::move(header.title);
  feed.feed_categories = categories_from_link(header.self_link);
  if (feed.feed_categories.empty()) {
    feed.feed_categories = categories_from_title(feed.title);
  }
  std::vector<AtomEntry> entries;
  entries.reserve(header.entries.size());
  for (const pugi::xml_node& node : header.entries) {
    entries.push_back(read_entry(node));
  }
  // The announcement day is each entry's <published> (midnight in New York); the feed's
  // <updated> is when it was built, in UTC, and only stands in when there are no entries.
  feed.date = iso8601_date(header.updated).value_or("");
  if (!entries.empty()) {
    feed.date = iso8601_date(entries.front().published).value_or(feed.date);
  }
  feed.papers.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    AtomEntry& entry = entries[i];
    AnnouncementItem item;
    item.guid = entry.id;
    item.title = entry.title;
    item.description = entry.summary;
    item.announce_type = entry.announce_type;
    item.categories = std::move(entry.categories);
    item.creators = entry.creators;
    item.date = iso8601_date(entry.published).value_or("");
    item.rights = entry.rights;
    item.doi = entry.doi;
    item.journal_ref = entry.journal_ref;
    add_converted(feed, announcement_to_paper(std::move(item), i + 1, feed.date));
  }
  return feed;
}

Result<Feed> parse_api_response(const pugi::xml_node& root, std::string_view source_name) {
  AtomHeader header = read_header(root);
  Feed feed;
  feed.kind = FeedKind::api;
  feed.title = std::move(header.title);
  feed.date = iso8601_date(header.updated).value_or("");
  const auto total = to_number(header.total_results.value_or(""));
  if (!total) {
    return Error{ErrorCode::malformed_input,
                 std::string(source_name) + ": API response has opensearch:totalResults \"" +
                     header.total_results.value_or("") + "\", expected a number"};
  }
  feed.total_results = *total;
  feed.start_index = to_number(header.start_index).value_or(0);
  feed.papers.reserve(header.entries.size());
  for (std::size_t i = 0; i < header.entries.size(); ++i) {
    AtomEntry entry = read_entry(header.entries[i]);
    // arXiv reports a bad query as a result: one entry titled "Error", id .../api/errors#...
    if (trim(entry.title) == "Error" && entry.id.find("/api/errors") != std::string::npos) {
      return Error{ErrorCode::feed_error,
                   std::string(source_name) + ": arXiv API answered with an error: \"" +
                       collapse_whitespace(entry.summary) + "\" (" + std::string(entry.id) + ")"};
    }
    add_converted(feed, api_entry_to_paper(std::move(entry), i + 1));
  }
  return feed;
}

}  // namespace arxiv_digest
