#pragma once
// arXiv's RSS 2.0 announcement feed (rss.arxiv.org/rss/CATS), and the announcement format it
// shares with the Atom announcement feed (rss.arxiv.org/atom/CATS): the
// "arXiv:IDvN Announce Type: T \nAbstract: ..." description, oai guids, comma-joined dc:creator.

#include <cstddef>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "arxiv_digest/feed.hpp"
#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/result.hpp"
#include "core/feeds/xml_support.hpp"

namespace arxiv_digest {

// Parses the <rss> element of a loaded document. Errors: feed_error for arXiv's "Feed error for
// query" channel, malformed_input when there is no <channel>. Unreadable items are skipped and
// listed in Feed::skipped.
Result<Feed> parse_rss(const pugi::xml_node& rss, std::string_view source_name);

struct VersionedId {
  std::string id;  // "2602.10965", "gr-qc/0103067"
  int version = 0;
};

// "oai:arXiv.org:2602.10965v1", "arXiv:2602.10965v1", "http://arxiv.org/abs/gr-qc/0103067v1"
// or a bare "2602.10965v1". nullopt without a "vN" suffix or with whitespace inside.
std::optional<VersionedId> parse_versioned_id(std::string_view text);

// The parts of "arXiv:2602.10965v1 Announce Type: new \nAbstract: ...". Views into `text`.
struct AnnouncementText {
  std::string_view versioned_id;   // "2602.10965v1"
  std::string_view announce_type;  // "new"
  std::string_view abstract;       // everything after "Abstract: ", trimmed, all paragraphs
};
std::optional<AnnouncementText> parse_announcement_text(std::string_view text);

// dc:creator → names: split on commas (and " and ") outside parentheses and braces, so
// affiliations such as "A (Univ X, Dept Y)" stay with their author; TeX accents decoded; empty
// and punctuation-only pieces (arXiv writes "NVIDIA,  :, Aaron ...") dropped.
std::vector<std::string> split_authors(std::string_view creators);

// "cs.AI, cs.LG updates on arXiv.org" → {"cs.AI", "cs.LG"}; {} for other titles.
std::vector<std::string> categories_from_title(std::string_view title);

// The raw texts of one RSS <item> or Atom announcement <entry>. The views point into the parsed
// document or into `storage`, so an item must not outlive its document.
struct AnnouncementItem {
  std::string_view guid;         // <guid> / <id>: "oai:arXiv.org:2602.10965v1"
  std::string_view title;        // as written
  std::string_view description;  // <description> / <summary>
  std::string_view announce_type;
  std::vector<std::string> categories;  // document order, primary first
  std::string_view creators;            // <dc:creator>
  std::string date;                     // YYYY-MM-DD, or "" to use the feed's date
  std::string_view rights;
  std::string_view doi;
  std::string_view journal_ref;
  TextStorage storage;
};

// The Paper an item describes, or why it was skipped. `number` is 1-based, for "item N".
std::variant<Paper, SkippedItem> announcement_to_paper(AnnouncementItem&& item, std::size_t number,
                                                       std::string_view feed_date);

// "https://arxiv.org/abs/ID" and "https://arxiv.org/pdf/IDvN".
std::string abs_link(std::string_view id);
std::string pdf_link(std::string_view id, int version);

// feed_error when a channel titled "Feed error for query: URL" reports a bad category.
std::optional<Error> feed_error_channel(std::string_view title, std::string_view description,
                                        std::string_view source_name);

}  // namespace arxiv_digest
