#pragma once
// The trends picture (digests/trends.svg): how many papers matched each keyword on each of the
// last announcement days of the archive, as small multiples (one bar chart per keyword, the
// keywords with the most matches, all on one scale). Counted from archive records, written as
// SVG by hand: no plotting library, pure.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "arxiv_digest/archive.hpp"

namespace arxiv_digest {

inline constexpr std::size_t kTrendDays = 60;     // announcement days shown
inline constexpr std::size_t kTrendKeywords = 8;  // charts shown

// The papers of one archive day that matched each keyword (every candidate, shown or not, each
// paper id once).
struct DayKeywordCounts {
  std::string day;  // YYYY-MM-DD
  std::map<std::string, int> counts;
  bool operator==(const DayKeywordCounts&) const = default;
};

DayKeywordCounts count_keywords(const std::string& day, const std::vector<ArchiveRecord>& records);

struct KeywordSeries {
  std::string keyword;
  std::vector<int> counts;  // one per KeywordTrends::days
  int total = 0;
  bool operator==(const KeywordSeries&) const = default;
};

struct KeywordTrends {
  std::vector<std::string> days;      // oldest first
  std::vector<KeywordSeries> series;  // most matches first, ties by keyword
  bool operator==(const KeywordTrends&) const = default;
};

// The series of the `top_keywords` keywords with the most matches over `days` (in any order;
// sorted here, the last kTrendDays kept).
KeywordTrends keyword_trends(std::vector<DayKeywordCounts> days,
                             std::size_t top_keywords = kTrendKeywords);

// An 800 px wide SVG on its own white background (readable in GitHub's light and dark themes):
// a title, then one chart per series with its keyword and total, the count axis (0 and the
// shared maximum) and the date axis (first, middle and last day). Every bar carries
// data-keyword, data-day and data-count attributes and a <title> tooltip, so the numbers can be
// read back. All text is escaped for XML.
std::string render_trends_svg(const KeywordTrends& trends);

}  // namespace arxiv_digest
