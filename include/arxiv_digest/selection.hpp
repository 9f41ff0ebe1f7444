#pragma once
// Dedupe, filter, score and rank (DESIGN.md "Selection"). Pure: "today" is a parameter.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/config.hpp"
#include "arxiv_digest/paper.hpp"

namespace arxiv_digest {

struct SelectionOptions {
  std::vector<Keyword> keywords;
  std::vector<std::string> exclude_keywords;
  MatchMode match = MatchMode::word;
  std::vector<std::string> announce_types{"new"};
  std::string today;  // YYYY-MM-DD, UTC
  int days_back = 7;  // drop papers published before today - days_back
  double min_score = 0.0;
  int max_papers = 30;
};

// Papers shown in earlier digests: id → highest version shown (from the archive).
using ShownHistory = std::map<std::string, int>;

struct SelectionStats {
  std::size_t announcements = 0;  // items read from all feeds
  std::size_t unique_papers = 0;  // after dedupe by id
  std::size_t wrong_type = 0;     // no announcement of an accepted type
  std::size_t too_old = 0;        // outside days_back
  std::size_t already_shown = 0;  // in an earlier digest (DESIGN difference 10)
  std::size_t excluded = 0;       // matched an exclude keyword
  std::size_t no_keyword = 0;     // matched no keyword
  std::size_t below_min_score = 0;
  std::size_t candidates = 0;  // scored papers that passed every filter
  std::size_t selected = 0;    // min(candidates, max_papers)
  bool operator==(const SelectionStats&) const = default;
};

// Which filter dropped a paper, in the order they apply.
enum class Filter { wrong_type, too_old, already_shown, excluded, no_keyword, below_min_score };

// A paper that is not a candidate, and why (for `explain`).
struct Rejection {
  std::string id;
  int version = 1;
  std::string title;
  Filter filter = Filter::no_keyword;
  std::string reason;  // "matches exclude keyword \"survey\"", "score 0.5 is below min_score 1.0"
  std::vector<KeywordMatch> matches;  // when the keywords were looked at
  bool operator==(const Rejection&) const = default;
};

struct Selection {
  std::vector<Paper> candidates;  // ranked: score desc, ties in announcement order
  std::size_t selected = 0;       // the first `selected` candidates make the digest
  SelectionStats stats;
  std::vector<Rejection> rejected;  // every other paper, in first-seen order
};

// `announcements` must be in tie order: categories in config order, then feed order.
// Dedupes by id (all categories kept, primary first; highest version's metadata), keeps a paper
// if any of its announcements has an accepted type, then filters, scores and ranks.
Selection select_papers(std::vector<Paper> announcements, const ShownHistory& shown,
                        const SelectionOptions& options);

// Puts announcements from several feeds into tie order: feeds whose categories come earlier in
// `categories` first (stable), then feed order within each feed.
std::vector<Paper> order_announcements(
    const std::vector<std::vector<Paper>>& feeds_papers,
    const std::vector<std::vector<std::string>>& feeds_categories,
    const std::vector<std::string>& categories);

}  // namespace arxiv_digest
