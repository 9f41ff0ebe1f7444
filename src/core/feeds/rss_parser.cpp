#include "core/feeds/rss_parser.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/feeds/xml_support.hpp"
#include "core/util/date.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::string_view kTitleSuffix = " updates on arXiv.org";
constexpr std::string_view kFeedErrorTitle = "Feed error for query";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.starts_with(prefix);
}

std::string_view skip_spaces(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) {
    text.remove_prefix(1);
  }
  return text;
}

// The next run of non-space characters; `text` moves past it.
std::string_view take_token(std::string_view& text) {
  std::size_t end = 0;
  while (end < text.size() && !is_blank(text[end])) {
    ++end;
  }
  const std::string_view token = text.substr(0, end);
  text.remove_prefix(end);
  return token;
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A name worth keeping has a letter or digit in it (ASCII, UTF-8 or a TeX escape).
bool looks_like_name(std::string_view name) {
  return std::any_of(name.begin(), name.end(), [](char c) {
    return is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80 || c == '\\';
  });
}

void add_author(std::vector<std::string>& authors, std::string_view piece) {
  piece = trim(piece);
  if (starts_with(piece, "and ")) {  // "A, B, and C"
    piece = trim(piece.substr(4));
  }
  if (!looks_like_name(piece)) {
    return;
  }
  authors.push_back(piece.find('\\') == std::string_view::npos
                        ? collapse_whitespace(piece)
                        : collapse_whitespace(decode_tex_accents(piece)));
}

// A piece between top-level commas. " and " outside parentheses also separates names
// ("B and C"); the check for it is one fast search, as it is rare.
void add_authors_between_commas(std::vector<std::string>& authors, std::string_view piece) {
  if (piece.find(" and ") == std::string_view::npos) {
    add_author(authors, piece);
    return;
  }
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < piece.size(); ++i) {
    const char c = piece[i];
    if (c == '(' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == '}') && depth > 0) {
      --depth;
    } else if (depth == 0 && c == ' ' && piece.substr(i, 5) == " and ") {
      add_author(authors, piece.substr(start, i - start));
      start = i + 5;
      i += 4;
    }
  }
  add_author(authors, piece.substr(start));
}

// The bytes split_authors acts on: brackets that nest and the comma between names.
constexpr std::array<bool, 256> kAuthorSyntax = [] {
  std::array<bool, 256> table{};
  for (const char c : {'(', ')', '{', '}', ','}) {
    table[static_cast<unsigned char>(c)] = true;
  }
  return table;
}();

std::string where(std::size_t number, std::string_view guid) {
  std::string text = "item " + std::to_string(number);
  if (!guid.empty()) {
    text += " (" + std::string(guid) + ")";
  }
  return text;
}

// Reads an <item>'s children in one pass. <pubDate> is returned raw: the caller converts it
// once per distinct value (every item of a day carries the same one).
AnnouncementItem read_item(const pugi::xml_node& item, std::string_view& pub_date) {
  AnnouncementItem out;
  out.categories.reserve(4);
  for (const pugi::xml_node& child : item.children()) {
    if (child.type() != pugi::node_element) {
      continue;
    }
    const std::string_view name = local_name(child);
    const auto text = [&] { return text_view(child, out.storage); };
    if (name == "guid") {
      out.guid = trim(text());
    } else if (name == "title") {
      out.title = text();
    } else if (name == "description") {
      out.description = text();
    } else if (name == "category") {
      if (const std::string_view category = trim(text()); !category.empty()) {
        out.categories.emplace_back(category);
      }
    } else if (name == "pubDate") {
      pub_date = trim(text());
    } else if (name == "announce_type") {
      out.announce_type = trim(text());
    } else if (name == "rights") {
      out.rights = trim(text());
    } else if (name == "creator") {
      out.creators = text();
    } else if (name == "DOI" || name == "doi") {
      out.doi = trim(text());
    } else if (name == "journal_reference" || name == "journal_ref") {
      out.journal_ref = text();
    }
  }
  return out;
}

}  // namespace

std::optional<VersionedId> parse_versioned_id(std::string_view text) {
  text = trim(text);
  for (const std::string_view prefix : {"oai:arXiv.org:", "arXiv:"}) {
    if (starts_with(text, prefix)) {
      text.remove_prefix(prefix.size());
    }
  }
  if (const auto abs = text.find("/abs/"); abs != std::string_view::npos) {
    text.remove_prefix(abs + 5);
  }
  const auto v = text.rfind('v');
  if (v == std::string_view::npos || v == 0 || v + 1 == text.size()) {
    return std::nullopt;
  }
  int version = 0;
  const std::string_view digits = text.substr(v + 1);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (ec != std::errc() || end != digits.data() + digits.size() || version <= 0) {
    return std::nullopt;
  }
  const std::string_view id = text.substr(0, v);
  for (const char c : id) {
    if (is_blank(c)) {
      return std::nullopt;
    }
  }
  return VersionedId{std::string(id), version};
}

std::optional<AnnouncementText> parse_announcement_text(std::string_view text) {
  text = skip_spaces(text);
  if (!starts_with(text, "arXiv:")) {
    return std::nullopt;
  }
  text.remove_prefix(6);
  AnnouncementText out;
  out.versioned_id = take_token(text);
  text = skip_spaces(text);
  if (out.versioned_id.empty() || !starts_with(text, "Announce Type:")) {
    return std::nullopt;
  }
  text.remove_prefix(14);
  text = skip_spaces(text);
  out.announce_type = take_token(text);
  text = skip_spaces(text);
  if (starts_with(text, "Abstract:")) {
    text.remove_prefix(9);
  }
  out.abstract = trim(text);
  return out;
}

std::vector<std::string> split_authors(std::string_view creators) {
  std::vector<std::string> authors;
  authors.reserve(8);
  int depth = 0;
  std::size_t start = 0;
  const std::size_t size = creators.size();
  for (std::size_t i = 0; i < size; ++i) {
    // Names are mostly letters and spaces: skip to the next byte that matters in one tight loop.
    while (i < size && !kAuthorSyntax[static_cast<unsigned char>(creators[i])]) {
      ++i;
    }
    if (i == size) {
      break;
    }
    switch (creators[i]) {
      case '(':
      case '{':
        ++depth;
        break;
      case ')':
      case '}':
        depth -= depth > 0 ? 1 : 0;
        break;
      case ',':
        if (depth == 0) {
          add_authors_between_commas(authors, creators.substr(start, i - start));
          start = i + 1;
        }
        break;
      default:
        break;
    }
  }
  add_authors_between_commas(authors, creators.substr(start));
  return authors;
}

std::vector<std::string> categories_from_title(std::string_view title) {
  title = trim(title);
  if (title.size() <= kTitleSuffix.size() ||
      title.substr(title.size() - kTitleSuffix.size()) != kTitleSuffix) {
    return {};
  }
  title.remove_suffix(kTitleSuffix.size());
  std::vector<std::string> categories;
  while (!title.empty()) {
    const auto comma = title.find(',');
    if (const auto category = trim(title.substr(0, comma)); !category.empty()) {
      categories.emplace_back(category);
    }
    title = comma == std::string_view::npos ? std::string_view{} : title.substr(comma + 1);
  }
  return categories;
}

std::string abs_link(std::string_view id) {
  constexpr std::string_view kPrefix = "https://arxiv.org/abs/";
  std::string link;
  link.reserve(kPrefix.size() + id.size());
  return link.append(kPrefix).append(id);
}

std::string pdf_link(std::string_view id, int version) {
  constexpr std::string_view kPrefix = "https://arxiv.org/pdf/";
  const std::string number = std::to_string(version);
  std::string link;
  link.reserve(kPrefix.size() + id.size() + 1 + number.size());
  return link.append(kPrefix).append(id).append("v").append(number);
}

std::variant<Paper, SkippedItem> announcement_to_paper(AnnouncementItem&& item, std::size_t number,
                                                       std::string_view feed_date) {
  const auto text = parse_announcement_text(item.description);
  if (!text) {
    return SkippedItem{where(number, item.guid),
                       "its description does not start with \"arXiv:<id>v<N> Announce Type: "
                       "<type>\""};
  }
  auto versioned = parse_versioned_id(item.guid);
  if (!versioned) {
    versioned = parse_versioned_id(text->versioned_id);
  }
  if (!versioned) {
    return SkippedItem{where(number, item.guid),
                       "no arXiv id with a version (\"oai:arXiv.org:<id>v<N>\") in its guid or "
                       "description"};
  }
  Paper paper;
  paper.link = abs_link(versioned->id);
  paper.pdf_link = pdf_link(versioned->id, versioned->version);
  paper.id = std::move(versioned->id);
  paper.version = versioned->version;
  paper.title = collapse_whitespace(item.title);
  paper.authors = split_authors(item.creators);
  paper.abstract = text->abstract;
  paper.categories = std::move(item.categories);
  paper.primary_category = paper.categories.empty() ? "" : paper.categories.front();
  paper.announce_type = item.announce_type.empty() ? text->announce_type : item.announce_type;
  paper.published = item.date.empty() ? std::string(feed_date) : std::move(item.date);
  paper.license = item.rights;
  paper.doi = item.doi;
  paper.journal_ref = collapse_whitespace(item.journal_ref);
  return paper;
}

std::optional<Error> feed_error_channel(std::string_view title, std::string_view description,
                                        std::string_view source_name) {
  title = trim(title);
  if (!starts_with(title, kFeedErrorTitle)) {
    return std::nullopt;
  }
  // "Feed error for query: http://rss.arxiv.org/rss/astroph": the category is the last segment.
  std::string_view query = trim(title.substr(kFeedErrorTitle.size()));
  if (starts_with(query, ":")) {
    query = trim(query.substr(1));
  }
  while (!query.empty() && query.back() == '/') {
    query.remove_suffix(1);
  }
  const auto slash = query.rfind('/');
  const std::string_view category =
      slash == std::string_view::npos ? query : query.substr(slash + 1);
  return Error{ErrorCode::feed_error,
               std::string(source_name) + ": arXiv answered with an error feed for category \"" +
                   std::string(category) + "\": \"" + collapse_whitespace(description) + "\""};
}

Result<Feed> parse_rss(const pugi::xml_node& rss, std::string_view source_name) {
  const pugi::xml_node channel = child_by_local_name(rss, "channel");
  if (!channel) {
    return Error{ErrorCode::malformed_input,
                 std::string(source_name) + ": RSS document has no <channel> element"};
  }
  Feed feed;
  feed.kind = FeedKind::rss;
  std::string description;
  std::vector<pugi::xml_node> items;
  for (const pugi::xml_node& child : channel.children()) {
    if (child.type() != pugi::node_element) {
      continue;
    }
    const std::string_view name = local_name(child);
    if (name == "item") {
      items.push_back(child);
    } else if (name == "title") {
      feed.title = collapse_whitespace(text_of(child));
    } else if (name == "description") {
      description = text_of(child);
    } else if (name == "pubDate") {
      feed.date = rfc822_date(trim(text_of(child))).value_or("");
    }
  }
  if (auto error = feed_error_channel(feed.title, description, source_name)) {
    return *std::move(error);
  }
  feed.feed_categories = categories_from_title(feed.title);
  feed.papers.reserve(items.size());
  // A copy, not a view: a <pubDate> joined from text and CDATA lives in its item's storage,
  // which is gone by the next item.
  std::string last_pub_date;
  std::string last_date;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string_view pub_date;
    AnnouncementItem item = read_item(items[i], pub_date);
    if (!pub_date.empty() && pub_date != last_pub_date) {
      last_pub_date.assign(pub_date);
      last_date = rfc822_date(pub_date).value_or("");
    }
    item.date = pub_date.empty() ? "" : last_date;
    auto converted = announcement_to_paper(std::move(item), i + 1, feed.date);
    if (auto* paper = std::get_if<Paper>(&converted)) {
      feed.papers.push_back(std::move(*paper));
    } else {
      feed.skipped.push_back(std::get<SkippedItem>(std::move(converted)));
    }
  }
  return feed;
}

}  // namespace arxiv_digest
